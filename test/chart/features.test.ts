import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { hasBinary } from '../e2e/binaries.js';
import { byKind, exporterContainer as exporter, hasHelm, one, ROOT, template, workload } from './helm.js';

const PROMTOOL = '/usr/bin/promtool';
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
      const auth = ['existingSecret=s', 'webConfig.basicAuth.enabled=true', 'webConfig.basicAuth.password=p'];
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

    it('renders exactly the rules of alerts/atlas-backup.yml, which promtool accepts', () => {
      const shippedRules = (file: { groups: { rules: unknown[] }[] }) =>
        file.groups.reduce((n, g) => n + g.rules.length, 0);
      const rule = one(objects, 'PrometheusRule');
      const shipped = parse(readFileSync(`${ROOT}alerts/atlas-backup.yml`, 'utf8'));
      expect(rule.spec).toEqual(shipped);
      if (!hasBinary(PROMTOOL)) return;
      const dir = mkdtempSync(join(tmpdir(), 'chart-rules-'));
      try {
        writeFileSync(join(dir, 'rules.yml'), stringify(rule.spec));
        expect(
          execFileSync(PROMTOOL, ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' }),
        ).toContain(`SUCCESS: ${shippedRules(shipped)} rules found`);
      } finally {
        rmSync(dir, { recursive: true });
      }
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

    it('governs it with a headless Service, which the ServiceMonitor scrapes pod by pod', () => {
      const service = one(objects, 'Service');
      expect(service.spec.clusterIP).toBe('None');
      expect(one(objects, 'StatefulSet').spec.serviceName).toBe(service.metadata.name);
      expect(one(objects, 'ServiceMonitor').spec.selector.matchLabels).toEqual(service.spec.selector);
    });

    it('refuses a cluster older than 1.28, which has no pod-index label', () => {
      const old = template({ values: 'sharded-values.yaml', args: ['--kube-version', '1.27.0'] });
      expect(old.stderr).toContain('sharding.enabled needs Kubernetes 1.28 or later');
      expect(template({ values: 'sharded-values.yaml', args: ['--kube-version', '1.28.0'] }).ok).toBe(true);
    });
  });

  it('TLS and basic auth: HTTPS probes with the header, a ServiceMonitor with the Secret', () => {
    const { objects } = template({ values: 'tls-auth-values.yaml' });
    const header = {
      name: 'Authorization',
      value: `Basic ${Buffer.from('prometheus:s3cret-scrape').toString('base64')}`,
    };
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(exporter(objects)[probe].httpGet, probe).toMatchObject({
        scheme: 'HTTPS',
        httpHeaders: [header],
      });
    }
    const web = byKind(objects, 'Secret').find((s) => s.metadata.name.endsWith('-web'));
    expect(parse(decode(web?.data['web-config.yml']))).toEqual({
      tls_server_config: { cert_file: 'tls.crt', key_file: 'tls.key' },
      basic_auth_users: { prometheus: '$2b$10$O60vQOT3WF.Xt0Tfp95RCuWn4QM34a9KpFF02RSPF/KwZTJKu7lV2' },
    });
    const [endpoint] = one(objects, 'ServiceMonitor').spec.endpoints;
    expect(endpoint.scheme).toBe('https');
    expect(endpoint.tlsConfig.serverName).toBe('localhost');
    const name = web?.metadata.name;
    expect(endpoint.basicAuth).toEqual({
      username: { name, key: 'username' },
      password: { name, key: 'password' },
    });
    expect(decode(web?.data.password)).toBe('s3cret-scrape');
  });
});
