// CI's variant of examples/compose/docker-compose.yml, for .ci/image.sh: reads the resolved stack
// (`docker-compose config`) on stdin and writes it with host networking only (containers on a
// bridge get private-range addresses, which CI's network forbids), so without published ports,
// on free loopback ports, with a Prometheus image built from Debian's package and a config that
// scrapes 127.0.0.1, and without Grafana (neither Debian nor npm has one). Everything else (the
// exporter's image, environment, read-only root, dropped capabilities; the shipped rules) is the
// stack as users get it. Usage: node compose-host.mjs WORK EXPORTER_PORT PROMETHEUS_PORT PROMETHEUS_IMAGE
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const [work, exporterPort, prometheusPort, prometheusImage] = process.argv.slice(2);
const stack = parse(readFileSync(0, 'utf8'));
delete stack.services.grafana;
delete stack.volumes['grafana-data'];
for (const service of Object.values(stack.services)) {
  delete service.ports;
  delete service.networks;
  service.network_mode = 'host';
}
const { exporter, prometheus } = stack.services;
exporter.environment.ATLAS_EXPORTER_WEB_LISTEN_ADDRESS = `127.0.0.1:${exporterPort}`;
prometheus.image = prometheusImage;
prometheus.command.push(`--web.listen-address=127.0.0.1:${prometheusPort}`);
// The CI config scrapes every second and adds a copy of the rules with `for: 0s`, so that an
// alert fires within the run; the shipped rules stay mounted as they are.
prometheus.volumes = prometheus.volumes
  .map((v) =>
    v.endsWith(':/etc/prometheus/prometheus.yml:ro')
      ? `${work}/prometheus.yml:/etc/prometheus/prometheus.yml:ro`
      : v,
  )
  .concat(`${work}/rules-for-0s.yml:/etc/prometheus/ci/rules-for-0s.yml:ro`);
process.stdout.write(stringify(stack));
