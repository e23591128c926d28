import { exactCopy } from './gzip-parts.js';

/**
 * A /metrics body is written into pieces of this many bytes, each allocated whole, so a long text
 * is made between other work and no Buffer reaches glibc's default mmap threshold (128 KiB):
 * freeing one never raises that threshold. V8 and undici raise it anyway, so the pieces come
 * from glibc's heap; small, same-sized pieces fragment it less (measured at L: RSS 160 MiB
 * instead of 175-184 after 12 refreshes).
 */
export const CHUNK_BYTES = 64 * 1024;

/** Pushed lines are written when they come to this many characters: small against CHUNK_BYTES. */
const PENDING_CHARS = 4096;

/** A promise of the next turn of the event loop. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Where some bytes went among a body's pieces: `[piece, offset, length]`. */
export type Place = readonly [chunk: number, offset: number, length: number];

/**
 * Text written into pieces of CHUNK_BYTES; what is written at once stays in one piece, so it can
 * be copied from there as it is (`copy`). `breathe` between writes gives the event loop a turn
 * once a piece was cut.
 */
export function createChunks() {
  const chunks: Buffer[] = [];
  let current = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let cutSinceTurn = false;
  /**
   * Bytes to copy into the current piece, not copied yet: copies of what lay side by side are
   * made in one go (at L an unchanged page is 46,000 copies of a line or two each).
   */
  let run: { from: Buffer; offset: number; end: number; at: number } | undefined;
  const copyRun = () => {
    if (run) run.from.copy(current, run.at, run.offset, run.end);
    run = undefined;
  };
  /**
   * Ends the current piece. One less than half full (a family's last, or one cut before a piece
   * reused whole) is copied out at its size, into memory of its own (not Node's shared pool,
   * 64 KiB on Node 24), and its room written again: pieces live as long as a page, and at L a
   * page has dozens of families.
   */
  const cut = () => {
    copyRun();
    if (used === 0) return;
    const small = used < CHUNK_BYTES / 2 && current.length === CHUNK_BYTES;
    const piece = small ? exactCopy(current.subarray(0, used)) : current.subarray(0, used);
    chunks.push(piece);
    if (!small) current = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    cutSinceTurn = true;
  };
  /** Room for `bytes` in the current piece: a new piece when they do not fit, a bigger one when they never would. */
  const room = (bytes: number): void => {
    if (used + bytes <= current.length) return;
    cut();
    if (bytes > current.length) current = Buffer.allocUnsafe(bytes);
  };
  const placed = (length: number): Place => {
    const place: Place = [chunks.length, used, length];
    used += length;
    return place;
  };
  /** Writes text as UTF-8, in one piece. */
  const writeNow = (text: string): Place => {
    // When it surely fits (a UTF-16 unit is at most 3 bytes), one native call instead of two:
    // at L a page after a refresh writes 5,000 rows or more.
    if (used + text.length * 3 <= current.length) return placed(current.write(text, used));
    const length = Buffer.byteLength(text);
    room(length);
    current.write(text, used);
    return placed(length);
  };
  /** lines pushed, not yet written: written a few KiB at a time, as one native call is worth a line's work */
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    writeNow(pending);
    pending = '';
  };
  const write = (text: string): Place => {
    flush();
    return writeNow(text);
  };
  return {
    write,
    /** Writes again what an earlier body holds at a place, as bytes. */
    copy(from: readonly Buffer[], chunk: number, offset: number, length: number): Place {
      flush();
      const source = from[chunk];
      if (source === undefined || length === 0) return placed(0);
      room(length);
      const follows = run?.from === source && run.end === offset && run.at + (run.end - run.offset) === used;
      if (run && follows) run.end += length;
      else {
        copyRun();
        run = { from: source, offset, end: offset + length, at: used };
      }
      return placed(length);
    },
    /** Takes a piece of an earlier body as it is: returns its index among them. */
    reuse(piece: Buffer): number {
      flush();
      cut();
      chunks.push(piece);
      return chunks.length - 1;
    },
    /** How many bytes the piece being written holds so far. */
    filling(): number {
      flush();
      return used;
    },
    push(...lines: string[]): void {
      for (const line of lines) {
        pending += `${line}\n`;
        if (pending.length >= PENDING_CHARS) flush();
      }
    },
    /** After a piece was cut: a promise of the next turn of the event loop; otherwise nothing to wait for. */
    breathe(): Promise<void> | undefined {
      if (!cutSinceTurn) return undefined;
      cutSinceTurn = false;
      return nextTurn();
    },
    done(): Buffer[] {
      flush();
      cut();
      return chunks;
    },
  };
}

export type Chunks = ReturnType<typeof createChunks>;

/** Lines made in one go (a scrape's small own part), in the same pieces. */
export function linesToChunks(lines: readonly string[]): Buffer[] {
  const out = createChunks();
  out.push(...lines);
  return out.done();
}
