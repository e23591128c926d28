import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  byKind,
  exporterContainer as exporter,
  hasHelm,
  one,
  ROOT,
  selects,
  template,
  workload,
} from './helm.js';

const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

describe.skipIf(!hasHelm())('the chart', () => {
  describe('without credentials', () => {
    it('fails, naming existingSecret', () => {
      const { ok, stderr } = template();
      expect(ok).toBe(false);
      expect(stderr).toContain('Atlas credentials are missing: set existingSecret');
    });

    it('fails on half a credential pair, and on a basic auth without its hash', () => {
      expect(template({ set: ['credentials.clientId=x'] }).stderr).toContain(
        'credentials: type serviceAccount needs both of its values (clientId, clientSecret)',
      );
      const auth = ['existingSecret=s', 'webConfig.basicAuth.enabled=true'];
      expect(template({ set: auth }).stderr).toContain('webConfig.basicAuth.passwordHash');
      expect(template({ set: ['demo=true', 'webConfig.tls.enabled=true'] }).stderr).toContain(
        'webConfig.tls.secretName',
      );
    });

    it('refuses values the schema does not know', () => {
      expect(template({ set: ['demo=true', 'existingSecrets=typo'] }).stderr).toContain(
        "additional properties 'existingSecrets' not allowed",
      );
    });
  });

  it('defaults: one pod reading the credentials of an existing Secret as files', () => {
    const { objects } = template({ values: 'default-values.yaml' });
    expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'Service', 'ServiceAccount']);
    const deployment = one(objects, 'Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(exporter(objects).env).toEqual([
      {
        name: 'MONGODB_ATLAS_CLIENT_ID_FILE',
        value: '/etc/atlas-backup-exporter/credentials/MONGODB_ATLAS_CLIENT_ID',
      },
      {
        name: 'MONGODB_ATLAS_CLIENT_SECRET_FILE',
        value: '/etc/atlas-backup-exporter/credentials/MONGODB_ATLAS_CLIENT_SECRET',
      },
    ]);
    const [volume] = deployment.spec.template.spec.volumes;
    expect(volume.secret.secretName).toBe('atlas-credentials');
    expect(one(objects, 'Service').spec.type).toBe('ClusterIP');
  });

  it('demo: no credentials, no Secret, --demo', () => {
    const { objects } = template({ values: 'demo-values.yaml' });
    expect(byKind(objects, 'Secret')).toEqual([]);
    expect(exporter(objects).args).toContain('--demo');
    expect(exporter(objects).env).toBeUndefined();
    expect(workload(objects).spec.template.spec.volumes).toBeUndefined();
  });

  describe('monitoring: ServiceMonitor, PrometheusRule, dashboards, PDB, NetworkPolicy', () => {
    const { objects } = template({ values: 'monitoring-values.yaml' });

    it('keeps the API key in a Secret of its own, read as files', () => {
      const secret = one(objects, 'Secret');
      expect(Object.keys(secret.data).sort()).toEqual([
        'MONGODB_ATLAS_PRIVATE_API_KEY',
        'MONGODB_ATLAS_PUBLIC_API_KEY',
      ]);
      expect(decode(secret.data.MONGODB_ATLAS_PUBLIC_API_KEY)).toBe('abcdefgh');
      expect(exporter(objects).env.map((e: { name: string }) => e.name)).toEqual([
        'MONGODB_ATLAS_PUBLIC_API_KEY_FILE',
        'MONGODB_ATLAS_PRIVATE_API_KEY_FILE',
      ]);
      const annotations = workload(objects).spec.template.metadata.annotations;
      expect(annotations['checksum/credentials']).toMatch(/^[0-9a-f]{64}$/);
      expect(exporter(objects).args).toContain('--atlas.org-id=5f1e2d3c4b5a69788796a5b4');
    });

    it('scrapes every 60s with a 30s timeout', () => {
      const monitor = one(objects, 'ServiceMonitor');
      expect(monitor.metadata.labels?.release).toBe('kube-prometheus-stack');
      expect(monitor.spec.endpoints).toEqual([
        { port: 'http', path: '/metrics', interval: '60s', scrapeTimeout: '30s', scheme: 'http' },
      ]);
    });

    it('renders exactly dashboards/*.json as ConfigMaps for the Grafana sidecar', () => {
      const shipped = readdirSync(`${ROOT}dashboards`).filter((f) => f.endsWith('.json'));
      const maps = byKind(objects, 'ConfigMap');
      expect(maps.flatMap((m) => Object.keys(m.data)).sort()).toEqual(shipped.sort());
      for (const map of maps) {
        expect(map.metadata.labels?.grafana_dashboard).toBe('1');
        expect(map.metadata.annotations?.grafana_folder).toBe('Atlas');
        for (const [name, json] of Object.entries(map.data)) {
          expect(json, name).toBe(readFileSync(`${ROOT}dashboards/${name}`, 'utf8'));
        }
      }
    });

    it('lets a node drain, and lets only Prometheus in and DNS and HTTPS out', () => {
      expect(one(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
      const policy = one(objects, 'NetworkPolicy').spec;
      expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(policy.ingress).toEqual([
        {
          ports: [{ port: 'http', protocol: 'TCP' }],
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        },
      ]);
      expect(policy.egress.flatMap((e: { ports: { port: number }[] }) => e.ports.map((p) => p.port))).toEqual(
        [53, 53, 443],
      );
    });
  });

  describe('sharded', () => {
    const { objects } = template({ values: 'sharded-values.yaml' });

    it('runs a StatefulSet whose pods take --shard.index from their pod-index label', () => {
      expect(byKind(objects, 'Deployment')).toEqual([]);
      const set = one(objects, 'StatefulSet');
      expect(set.spec.replicas).toBe(3);
      expect(set.spec.podManagementPolicy).toBe('Parallel');
      expect(exporter(objects).args).toContain('--shard.total=3');
      expect(exporter(objects).env).toContainEqual({
        name: 'ATLAS_EXPORTER_SHARD_INDEX',
        valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } },
      });
      expect(exporter(objects).args).toEqual(
        expect.arrayContaining([
          '--atlas.project-id=0123456789abcdef01234567',
          '--atlas.project-id=fedcba9876543210fedcba98',
        ]),
      );
    });

    it('governs it with a headless Service of its own; the ServiceMonitor scrapes through the other', () => {
      const [service, headless] = byKind(objects, 'Service');
      expect(headless?.spec.clusterIP).toBe('None');
      expect(headless?.metadata.name).toBe(`${service?.metadata.name}-shards`);
      expect(one(objects, 'StatefulSet').spec.serviceName).toBe(headless?.metadata.name);
      expect(selects(one(objects, 'ServiceMonitor'), objects)).toEqual([service]);
    });

    it('keeps the Service as it is unsharded, so helm upgrade can switch either way', () => {
      const unsharded = template({ values: 'sharded-values.yaml', set: ['sharding.enabled=false'] }).objects;
      expect(byKind(unsharded, 'Service')).toEqual([byKind(objects, 'Service')[0]]);
      expect(byKind(objects, 'Service')[0]?.spec).not.toHaveProperty('clusterIP');
    });

    it('refuses a cluster older than 1.28, which has no pod-index label', () => {
      const old = template({ values: 'sharded-values.yaml', args: ['--kube-version', '1.27.0'] });
      expect(old.stderr).toContain('sharding.enabled needs Kubernetes 1.28 or later');
      expect(template({ values: 'sharded-values.yaml', args: ['--kube-version', '1.28.0'] }).ok).toBe(true);
    });
  });

  describe('TLS and basic auth', () => {
    const { objects } = template({ values: 'tls-auth-values.yaml' });

    it('makes a web config with the password hash only, mounted beside the TLS Secret', () => {
      const web = byKind(objects, 'Secret').find((s) => s.metadata.name.endsWith('-web'));
      expect(Object.keys(web?.data ?? {})).toEqual(['web.yml']);
      expect(parse(decode(web?.data['web.yml']))).toEqual({
        tls_server_config: { cert_file: 'tls.crt', key_file: 'tls.key' },
        basic_auth_users: { prometheus: '$2b$10$O60vQOT3WF.Xt0Tfp95RCuWn4QM34a9KpFF02RSPF/KwZTJKu7lV2' },
      });
      const volume = workload(objects).spec.template.spec.volumes.find(
        (v: { name: string }) => v.name === 'web',
      );
      expect(volume.projected.sources.map((s: { secret: { name: string } }) => s.secret.name)).toEqual([
        web?.metadata.name,
        'atlas-backup-exporter-tls',
      ]);
    });

    it('scrapes over HTTPS with the CA and the password of Secrets it names', () => {
      const [endpoint] = one(objects, 'ServiceMonitor').spec.endpoints;
      expect(endpoint.scheme).toBe('https');
      expect(endpoint.tlsConfig.serverName).toBe('localhost');
      expect(endpoint.basicAuth).toEqual({
        username: { name: 'atlas-scrape', key: 'username' },
        password: { name: 'atlas-scrape', key: 'password' },
      });
    });

    it('refuses a ServiceMonitor that could not scrape it, naming the value to set', () => {
      const without = (value: string) =>
        template({ values: 'tls-auth-values.yaml', set: [`serviceMonitor.${value}=null`] });
      expect(without('tlsConfig').stderr).toContain('serviceMonitor.tlsConfig: the exporter serves HTTPS');
      expect(without('basicAuth').stderr).toContain(
        'serviceMonitor.basicAuth: the exporter asks for basic auth',
      );
    });

    it('takes a whole web config from webConfig.existingSecret instead, mounted as it is', () => {
      const given = template({
        values: 'tls-auth-values.yaml',
        set: ['webConfig.existingSecret=my-web', 'webConfig.tls.secretName='],
      }).objects;
      expect(byKind(given, 'Secret')).toEqual([]);
      const volume = workload(given).spec.template.spec.volumes.find(
        (v: { name: string }) => v.name === 'web',
      );
      expect(volume.secret.secretName).toBe('my-web');
      expect(volume.secret).not.toHaveProperty('items');
      expect(exporter(given).args).toContain('--web.config.file=/etc/atlas-backup-exporter/web/web.yml');
    });
  });
});
