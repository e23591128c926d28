import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

/** A gzip header (RFC 1952): deflate, no name, no time, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** The compressed, not yet ended, start of a gzip body: made once, reused by every scrape. */
export interface GzipPrefix {
  readonly deflated: Buffer;
  readonly crc: number;
  readonly length: number;
}

/**
 * Deflates the part of a body that stays the same across scrapes. A sync flush ends it on a byte
 * boundary without a final block, so the deflate data of any tail can follow it in the same
 * stream. Both run in zlib's thread pool, off the event loop.
 */
export async function gzipPrefix(bytes: Buffer): Promise<GzipPrefix> {
  const deflated = await deflate(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  return { deflated, crc: crc32(bytes), length: bytes.length };
}

/**
 * One gzip member of the prefix followed by `tail`: some clients (curl among them) read only the
 * first member of a multi-member body, so the cached prefix and the per-scrape tail are joined
 * inside a single deflate stream, with the CRC and length of the whole.
 */
export async function gzipWithTail(prefix: GzipPrefix, tail: Buffer): Promise<Buffer[]> {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, prefix.crc), 0);
  trailer.writeUInt32LE((prefix.length + tail.length) >>> 0, 4);
  return [HEADER, prefix.deflated, await deflate(tail), trailer];
}
