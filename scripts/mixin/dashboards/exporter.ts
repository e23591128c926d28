import { config } from '../config.js';
import { MIXIN_PARTS } from '../parts/index.js';
import { dashboard, TARGET } from './common.js';

/** Atlas backup exporter: the exporter itself and its use of the Atlas API. */
export function exporter() {
  const builder = dashboard(
    config.dashboards.uids.exporter,
    'Atlas backup exporter',
    'The exporter itself: refreshes, and its requests to the Atlas Administration API.',
    'now-6h',
  );
  for (const panel of MIXIN_PARTS.flatMap((part) => part.exporter?.(TARGET, config) ?? []))
    builder.withPanel(panel);
  return builder;
}
