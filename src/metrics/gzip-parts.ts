import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { constants, crc32, createDeflateRaw, deflateRaw } from 'node:zlib';

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
 * Deflates the part of a body that stays the same across scrapes, from the pieces it is kept
 * in: streamed, so the pieces are never joined into one more copy of the body. A
 * sync flush ends it on a byte boundary without a final block, so the deflate data of any tail
 * can follow it in the same stream. The deflating runs in zlib's thread pool.
 */
export async function gzipPrefix(chunks: readonly Buffer[]): Promise<GzipPrefix> {
  const deflated: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    createDeflateRaw({ finishFlush: constants.Z_SYNC_FLUSH }),
    async (out) => {
      for await (const piece of out) deflated.push(piece as Buffer);
    },
  );
  let crc = 0;
  let length = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    length += chunk.length;
  }
  return { deflated: Buffer.concat(deflated), crc, length };
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
