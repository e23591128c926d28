import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byKind, CHART, hasHelm, type K8sObject, selects, template, workload } from './helm.js';
import { validateObject } from './schemas.js';

// What every ci/*-values.yaml must render, whatever it enables: the checks helm-unittest suites
// and kube-linter's default set make, on the parsed objects.
const CI_FILES = readdirSync(`${CHART}ci`).filter((f) => f.endsWith('-values.yaml'));
const VERSION_LABELS = ['helm.sh/chart', 'app.kubernetes.io/version'];

function selectors(objects: K8sObject[]): [string, Record<string, string>][] {
  const found: [string, Record<string, string>][] = [];
  for (const o of objects) {
    const where = `${o.kind} ${o.metadata.name}`;
    if (o.kind === 'Service') found.push([where, o.spec.selector]);
    if (['Deployment', 'StatefulSet', 'PodDisruptionBudget', 'ServiceMonitor'].includes(o.kind))
      found.push([where, o.spec.selector.matchLabels]);
    if (o.kind === 'NetworkPolicy') found.push([where, o.spec.podSelector.matchLabels]);
  }
  return found;
}

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.skipIf(!hasHelm())('every ci values file', () => {
  it('covers the six setups: defaults, demo, monitoring, sharded, TLS + basic auth, and extras', () => {
    expect(CI_FILES.sort()).toEqual([
      'default-values.yaml',
      'demo-values.yaml',
      'extras-values.yaml',
      'monitoring-values.yaml',
      'sharded-values.yaml',
      'tls-auth-values.yaml',
    ]);
  });

  describe.each(CI_FILES)('%s', (file) => {
    const rendered = template({ values: file });
    const objects = rendered.objects;
    const pod = () => workload(objects).spec.template;
    const container = () => pod().spec.containers[0];

    it('renders', () => {
      expect(rendered.stderr).not.toMatch(/error/i);
      expect(rendered.ok).toBe(true);
    });

    it('renders objects that the Kubernetes and prometheus-operator schemas accept', () => {
      for (const o of objects) expect(() => validateObject(o), `${o.kind} ${o.metadata.name}`).not.toThrow();
    });

    it('labels every object with the chart, and selects by name and instance only', () => {
      for (const o of objects) {
        expect(o.metadata.labels?.['helm.sh/chart'], o.kind).toMatch(/^atlas-backup-exporter-\d/);
        expect(o.metadata.labels?.['app.kubernetes.io/instance'], o.kind).toBe('atlas');
        // a ServiceMonitor may live where Prometheus looks for them
        if (o.kind !== 'ServiceMonitor') expect(o.metadata.namespace, o.kind).toBe('monitoring');
      }
      const found = selectors(objects);
      expect(found.length).toBeGreaterThanOrEqual(2);
      for (const [where, selector] of found) {
        for (const label of VERSION_LABELS) expect(selector, where).not.toHaveProperty([label]);
        expect(matches(selector, pod().metadata.labels), `${where} selects the pods`).toBe(true);
      }
    });

    it('runs the pod non-root, read-only, without privileges or capabilities, seccomp RuntimeDefault', () => {
      const { spec } = pod();
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(spec.hostNetwork ?? false).toBe(false);
      expect(spec.hostPID ?? false).toBe(false);
      expect(container().securityContext).toEqual({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ['ALL'] },
      });
      expect(spec.automountServiceAccountToken).toBe(false);
    });

    it('names an image by tag or digest, never latest', () => {
      expect(container().image).toMatch(/^[^:]+(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/);
      expect(container().image).not.toMatch(/:latest$/);
    });

    it('probes with healthcheck in the container, at the address and web config it serves with', () => {
      const c = container();
      expect(c.ports).toEqual([{ name: 'http', containerPort: 10025, protocol: 'TCP' }]);
      expect(c.args).toContain('--web.listen-address=:10025');
      const healthcheck = [
        'node',
        '/app/dist/main.js',
        'healthcheck',
        ...c.args.filter((a: string) => /^--web\.(listen-address|config\.file)=/.test(a)),
      ];
      expect(c.startupProbe.exec.command).toEqual(healthcheck);
      expect(c.livenessProbe.exec.command).toEqual(healthcheck);
      expect(c.readinessProbe.exec.command).toEqual([...healthcheck, '--ready']);
    });

    it('puts no password and no Authorization header in the pod spec', () => {
      const spec = JSON.stringify(pod());
      expect(spec).not.toMatch(/authorization|password|s3cret/i);
      for (const secret of byKind(objects, 'Secret')) {
        for (const [key, value] of Object.entries<string>(secret.data ?? {})) {
          expect(spec, `${secret.metadata.name} ${key}`).not.toContain(
            Buffer.from(value, 'base64').toString(),
          );
          expect(spec, `${secret.metadata.name} ${key}`).not.toContain(value);
        }
      }
    });

    it('requests CPU and memory and limits memory', () => {
      const { resources } = container();
      expect(resources.requests).toHaveProperty('cpu');
      expect(resources.requests).toHaveProperty('memory');
      expect(resources.limits).toHaveProperty('memory');
    });

    it('passes no credential as a plain environment value', () => {
      for (const env of container().env ?? []) {
        if (/^MONGODB_ATLAS_/.test(env.name)) expect(env.name, env.name).toMatch(/_FILE$/);
        expect(env.name).not.toMatch(/SECRET$|KEY$|PASSWORD/);
      }
    });

    it('mounts every file an environment variable names, from a volume that has it', () => {
      const { spec } = pod();
      for (const env of container().env ?? []) {
        if (!env.name.endsWith('_FILE')) continue;
        const mount = container().volumeMounts.find((m: { mountPath: string }) =>
          env.value.startsWith(`${m.mountPath}/`),
        );
        expect(mount, env.name).toBeDefined();
        const volume = spec.volumes.find((v: { name: string }) => v.name === mount.name);
        const key = env.value.slice(mount.mountPath.length + 1);
        expect(
          volume.secret.items.map((i: { path: string }) => i.path),
          env.name,
        ).toContain(key);
      }
    });

    it('uses a ServiceAccount it renders', () => {
      const names = byKind(objects, 'ServiceAccount').map((o) => o.metadata.name);
      expect(names).toContain(pod().spec.serviceAccountName);
    });

    it('points each ServiceMonitor at one Service with the port it scrapes', () => {
      for (const monitor of byKind(objects, 'ServiceMonitor')) {
        const services = selects(monitor, objects);
        expect(services).toHaveLength(1);
        const ports = services[0]?.spec.ports.map((p: { name: string }) => p.name);
        for (const endpoint of monitor.spec.endpoints) expect(ports).toContain(endpoint.port);
      }
    });
  });

  it('validates for real: a type error in a rendered object is caught', () => {
    const deployment = workload(template({ values: 'default-values.yaml' }).objects);
    expect(() => validateObject({ ...deployment, spec: { ...deployment.spec, replicas: 'one' } })).toThrow(
      /replicas/,
    );
  });
});
