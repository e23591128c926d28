/** A kind of cluster the exporter reads. */
export type ClusterKind = 'flex' | 'serverless' | 'dedicated';

/** Every kind this version reads, in the order the help text lists them. */
export const SUPPORTED_CLUSTER_KINDS: readonly ClusterKind[] = Object.freeze([
  'flex',
  'serverless',
  'dedicated',
]);
