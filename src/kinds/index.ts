import type { ClusterKind } from '../config/kinds.js';
import { dedicated } from './dedicated/reader.js';
import { flex } from './flex/reader.js';
import type { Kind } from './kind.js';
import { serverless } from './serverless/reader.js';

/**
 * How each kind of cluster is listed. A new kind is a folder beside this file, its name in
 * config/kinds.ts, and one line here (the type checker asks for it).
 */
export const KINDS: Readonly<Record<ClusterKind, Kind>> = {
  flex,
  serverless,
  dedicated,
};
