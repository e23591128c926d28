import { describe, expect, it } from 'vitest';
import { byKind, exporterContainer as exporter, hasHelm, one, template, workload } from './helm.js';

// helm-unittest-style cases: each value a user overrides, and what it must change (and not).

describe.skipIf(!hasHelm())('values people change', () => {
  const demo = (...set: string[]) => template({ set: ['demo=true', ...set] }).objects;

  it('pins the image by digest over the tag, else by the tag, else by appVersion', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(exporter(demo(`image.digest=${digest}`, 'image.tag=9.9.9')).image).toMatch(
      new RegExp(`@${digest}$`),
    );
    expect(exporter(demo('image.tag=9.9.9')).image).toMatch(/:9\.9\.9$/);
    expect(exporter(demo()).image).toMatch(/:0\.1\.0$/);
  });

  it('keeps extra labels and a new version out of every selector', () => {
    const objects = demo('commonLabels.team=sre', 'podLabels.tier=monitoring');
    const deployment = one(objects, 'Deployment');
    expect(deployment.metadata.labels?.team).toBe('sre');
    expect(deployment.spec.template.metadata.labels.tier).toBe('monitoring');
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
});
