import { constants, crc32, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.js';

/** A gzip header (RFC 1952): deflate, no name, no time, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** The compressed, not yet ended, start of a gzip body: made once, reused by every scrape. */
export interface GzipPrefix {
  /** deflate data, a piece per piece of text, never joined: see chunks.ts on Buffer sizes */
  readonly deflated: readonly Buffer[];
  /** CRC-32 and length of all the text before it */
  readonly crc: number;
  readonly length: number;
}

const NOTHING: GzipPrefix = { deflated: [], crc: 0, length: 0 };

/** One piece of text as deflate data, with what a gzip trailer needs of the text. */
export interface DeflatedPiece {
  /** compressed, or the text itself in stored blocks (storePiece) */
  readonly data: readonly Buffer[];
  /** the text's CRC-32 and length */
  readonly crc: number;
  readonly length: number;
}

/**
 * One piece of text (chunks.ts) deflated on its own, at the fastest level. A deflate stream may
 * go on after any piece ended by a sync flush (on a byte boundary, no final block), so the pieces
 * of a body deflate apart and their output joins into one stream: a piece kept from the last
 * page keeps its deflate. Measured on the L page (8.3 MB) in 64 KiB pieces: 31 ms and 496 KB,
 * against 64 ms and 383 KB for one stream at the default level. An 8 KiB window (zlib's state
 * under the image's 32 KiB mmap threshold) made pieces a third faster but the L page 6% larger.
 */
export function deflatePiece(piece: Buffer, finishFlush: number = constants.Z_SYNC_FLUSH): DeflatedPiece {
  const out = deflateRawSync(piece, { level: constants.Z_BEST_SPEED, finishFlush });
  return { data: [exactCopy(out)], crc: crc32(piece), length: piece.length };
}

/** A stored block holds at most this many bytes. */
const STORED_MAX = 65_535;

/**
 * One piece of text as deflate's stored blocks: the text itself behind 5 bytes a block, made at
 * once. A new page's pieces go out so to the scrapes that waited for its refresh, and are
 * compressed once those are answered (metrics.ts). A stored block starts on a byte boundary,
 * where every piece ends.
 */
export function storePiece(piece: Buffer): DeflatedPiece {
  const data: Buffer[] = [];
  for (let at = 0; at < piece.length; at += STORED_MAX) {
    const block = piece.subarray(at, at + STORED_MAX);
    // not the last block; type 00, stored; its length, then the length's complement
    const header = Buffer.alloc(5);
    header.writeUInt16LE(block.length, 1);
    header.writeUInt16LE(0xffff - block.length, 3);
    data.push(header, block);
  }
  return { data, crc: crc32(piece), length: piece.length };
}

/**
 * A copy in an ArrayBuffer of its own, which holds what it says. zlib's output is a slice of a
 * 16 KiB buffer carved from a shared 64 KiB one (Node 24's Buffer pool), as is any small Buffer
 * made by Buffer.from; the pieces of a page live as long as the page, and kept as they were, each
 * deflated piece held 16-64 KiB (at L 2.3 MiB for the page's 0.5 MiB of deflate).
 */
export function exactCopy(out: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(out.length);
  out.copy(copy);
  return copy;
}

/** The gzip prefix of deflated pieces of text, after `before` (a part cached longer still). */
export function gzipPrefix(pieces: readonly DeflatedPiece[], before = NOTHING): GzipPrefix {
  let { crc, length } = before;
  for (const piece of pieces) {
    crc = crc32Combine(crc, piece.crc, piece.length);
    length += piece.length;
  }
  return { deflated: [...before.deflated, ...pieces.flatMap((p) => p.data)], crc, length };
}

/** The end of a deflate stream: an empty final block. */
const [END = Buffer.alloc(0)] = deflatePiece(Buffer.alloc(0), constants.Z_FINISH).data;

/**
 * One gzip member of the prefix followed by `tail`, the tail's pieces deflated: some clients
 * (curl among them) read only the first member of a multi-member body, so the cached prefix and
 * the per-scrape tail are joined inside a single deflate stream, with the CRC and length of the
 * whole.
 */
export function gzipWithTail(prefix: GzipPrefix, tail: readonly DeflatedPiece[]): Buffer[] {
  const { deflated, crc, length } = gzipPrefix(tail, prefix);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  return [HEADER, ...deflated, END, trailer];
}
