import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { byKind, CHART, exporterContainer as exporter, hasHelm, one, template, workload } from './helm.js';

// helm-unittest-style cases: each value a user overrides, and what it must change (and not).

describe.skipIf(!hasHelm())('values people change', () => {
  const demo = (...set: string[]) => template({ set: ['demo=true', ...set] }).objects;

  it('pins the image by digest over the tag, else by the tag, else by appVersion', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(exporter(demo(`image.digest=${digest}`, 'image.tag=9.9.9')).image).toMatch(
      new RegExp(`@${digest}$`),
    );
    expect(exporter(demo('image.tag=9.9.9')).image).toMatch(/:9\.9\.9$/);
    // by default, the image the release workflow pushes for this chart's appVersion
    const { appVersion } = parse(readFileSync(`${CHART}Chart.yaml`, 'utf8'));
    expect(exporter(demo()).image).toBe(`ghcr.io/atlas-backup-exporter/atlas-backup-exporter:${appVersion}`);
  });

  it('puts commonLabels on every object and on the pods, and extra labels in no selector', () => {
    const objects = template({ values: 'extras-values.yaml', set: ['podLabels.tier=monitoring'] }).objects;
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) expect(o.metadata.labels?.team, `${o.kind} ${o.metadata.name}`).toBe('dba');
    expect(workload(objects).spec.template.metadata.labels).toMatchObject({
      team: 'dba',
      tier: 'monitoring',
    });
    // the chart's own labels win over a commonLabels that names one of them
    const clash = one(demo('commonLabels.app\\.kubernetes\\.io/name=other'), 'Deployment');
    expect(clash.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('atlas-backup-exporter');
    expect(clash.metadata.labels?.['app.kubernetes.io/name']).toBe('atlas-backup-exporter');
  });

  it('refuses a memory request or limit that is no Kubernetes quantity', () => {
    for (const pair of ['resources.limits.memory=384MB', 'resources.requests.memory=lots']) {
      const rendered = template({ set: ['demo=true', pair] });
      expect(rendered.ok, pair).toBe(false);
      expect(rendered.stderr, pair).toMatch(/resources\/(limits|requests)\/memory/);
    }
    expect(template({ set: ['demo=true', 'resources.limits.memory=512Mi'] }).ok).toBe(true);
  });

  it('keeps a new version out of every selector', () => {
    const objects = demo('commonLabels.team=sre', 'podLabels.tier=monitoring');
    const deployment = one(objects, 'Deployment');
    const selector = deployment.spec.selector.matchLabels;
    expect(selector).toEqual({
      'app.kubernetes.io/name': 'atlas-backup-exporter',
      'app.kubernetes.io/instance': 'atlas',
    });
    expect(one(objects, 'Service').spec.selector).toEqual(selector);
  });

  it('names objects by fullnameOverride, and uses a given ServiceAccount without making one', () => {
    const objects = demo(
      'fullnameOverride=backups',
      'serviceAccount.create=false',
      'serviceAccount.name=shared',
    );
    expect(one(objects, 'Deployment').metadata.name).toBe('backups');
    expect(byKind(objects, 'ServiceAccount')).toEqual([]);
    expect(workload(objects).spec.template.spec.serviceAccountName).toBe('shared');
  });

  it('passes the exporter flags it is given', () => {
    const args = exporter(
      demo('extraArgs[0]=--collector.snapshot-details', 'log.level=debug', 'atlas.cacheTtl=10m'),
    ).args;
    expect(args).toEqual(
      expect.arrayContaining(['--collector.snapshot-details', '--log.level=debug', '--atlas.cache-ttl=10m']),
    );
    expect(template({ set: ['demo=true', 'extraArgs[0]=oops'] }).stderr).toContain('extraArgs');
  });

  it('serves on the Service port asked for, always to the container port by name', () => {
    const [port] = one(demo('service.port=9100'), 'Service').spec.ports;
    expect(port).toEqual({ name: 'http', port: 9100, targetPort: 'http', protocol: 'TCP' });
  });

  it('sets environment, envFrom, volumes and mounts for a proxy and a private CA', () => {
    const objects = template({ values: 'extras-values.yaml' }).objects;
    const container = exporter(objects);
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'HTTPS_PROXY', value: 'http://proxy.internal:3128' },
        { name: 'NO_PROXY', value: '.svc,.cluster.local' },
        { name: 'NODE_EXTRA_CA_CERTS', value: '/etc/company-ca/ca.crt' },
      ]),
    );
    expect(container.envFrom).toEqual([{ secretRef: { name: 'atlas-proxy-auth' } }]);
    const mount = container.volumeMounts.find((m: { name: string }) => m.name === 'company-ca');
    expect(mount).toEqual({ name: 'company-ca', mountPath: '/etc/company-ca', readOnly: true });
    expect(workload(objects).spec.template.spec.volumes).toContainEqual({
      name: 'company-ca',
      configMap: { name: 'company-ca' },
    });
    // the chart's own volumes stay
    expect(container.volumeMounts.map((m: { name: string }) => m.name)).toEqual([
      'credentials',
      'web',
      'company-ca',
    ]);
  });

  it('passes the ServiceMonitor settings through', () => {
    const monitor = one(template({ values: 'extras-values.yaml' }).objects, 'ServiceMonitor');
    expect(monitor.metadata.namespace).toBe('prometheus');
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['monitoring'] });
    expect(monitor.spec.jobLabel).toBe('app.kubernetes.io/name');
    expect(monitor.spec.targetLabels).toEqual(['team']);
    const [endpoint] = monitor.spec.endpoints;
    expect(endpoint).toMatchObject({
      honorLabels: true,
      scheme: 'https',
      tlsConfig: { serverName: 'atlas-backup-exporter.monitoring.svc' },
      relabelings: [{ action: 'replace', targetLabel: 'cluster', replacement: 'prod-eu' }],
      metricRelabelings: [{ action: 'drop', sourceLabels: ['__name__'] }],
    });
  });
});
