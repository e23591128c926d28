import type { ClusterKind } from '../config/kinds.js';
import { dedicated } from './dedicated/reader.js';
import { flex } from './flex/reader.js';
import type { ClusterResource } from './resource.js';
import { serverless } from './serverless/reader.js';

/**
 * The resource that reads each kind of cluster. A new kind is a folder beside this file, its
 * name in config/kinds.ts, and one line here (the type checker asks for it).
 */
export const CLUSTER_RESOURCES: Readonly<Record<ClusterKind, ClusterResource>> = {
  flex,
  serverless,
  dedicated,
};
