/**
 * Text is turned into bytes about this many characters at a time (UTF-8: at most 96 KiB and a
 * line), so a long text is made between other work. Every Buffer of a /metrics body stays below
 * glibc's default mmap threshold (128 KiB), so that freeing one never raises that threshold. V8
 * and undici raise it anyway, so the pieces come from glibc's heap; small, same-sized pieces
 * fragment it less (measured at L: RSS 160 MiB instead of 175-184 after 12 refreshes).
 */
export const CHUNK_CHARS = 32 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lines collected into Buffers of about CHUNK_CHARS. `breathe` between lines gives the event
 * loop a turn once a piece was cut, so a long text is made between other work, not in one task.
 */
export function createChunks() {
  const chunks: Buffer[] = [];
  let text = '';
  let cutSinceTurn = false;
  const cut = () => {
    if (text === '') return;
    chunks.push(Buffer.from(text));
    text = '';
  };
  return {
    push(...lines: string[]): void {
      for (const line of lines) {
        text += `${line}\n`;
        if (text.length < CHUNK_CHARS) continue;
        cut();
        cutSinceTurn = true;
      }
    },
    /** After a piece was cut: a promise of the next turn of the event loop; otherwise nothing to wait for. */
    breathe(): Promise<void> | undefined {
      if (!cutSinceTurn) return undefined;
      cutSinceTurn = false;
      return nextTurn();
    },
    done(): Buffer[] {
      cut();
      return chunks;
    },
  };
}

export type Chunks = ReturnType<typeof createChunks>;

/** Lines made in one go (a scrape's small own part), in the same pieces. */
export function linesToChunks(lines: readonly string[]): Buffer[] {
  const out = createChunks();
  for (const line of lines) out.push(line);
  return out.done();
}
