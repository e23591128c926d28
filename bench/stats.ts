import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { RELEASE_QUIET_MS } from '../src/release-memory.js';
/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const round = (v: number, digits = 1) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
export const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

export function rss(): number {
  return memoryAfterGc().rss;
}

/** process.memoryUsage() after a full collection, with what V8 keeps committed per heap space. */
export interface MemoryReading extends NodeJS.MemoryUsage {
  /** committed bytes per V8 heap space (new_space, old_space, code_space, large_object_space, ...) */
  spaces: Record<string, number>;
}

/**
 * Waits as long as an exporter takes to come to rest after a refresh: it gives the refresh's
 * memory back once no scrape began for RELEASE_QUIET_MS (src/release-memory.ts). Resolves to the
 * longest event-loop pause meanwhile, in ms: that release's GC. After a cold refresh the release
 * waits for a page made from nothing too (`cold`: seconds at XL).
 */
export async function atRest(cold = false): Promise<number> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, RELEASE_QUIET_MS + (cold ? 5000 : 500)));
  loop.disable();
  return round(loop.max / 1e6);
}

/** The kernel's high-water mark of this process's RSS starts again from the RSS of now. */
export function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

/** The `kB` lines of /proc/self/status (RssAnon, RssFile, VmHWM...), in bytes. */
export function procStatus(): Record<string, number> {
  const entries = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .filter((line) => line.endsWith(' kB'))
    .map((line) => [line.slice(0, line.indexOf(':')), Number(line.split(/\s+/)[1]) * 1024] as const);
  return Object.fromEntries(entries);
}

/** The highest RSS of this process since it started or since resetPeakRss, in bytes. */
export const peakRss = (): number => procStatus().VmHWM ?? 0;

export function memoryAfterGc(): MemoryReading {
  const gc = (globalThis as { gc?: () => void }).gc;
  // V8 takes the ArrayBuffers a GC freed off `external` only at the next GC (they are gone from
  // `arrayBuffers` at once): after one, `external` still counts the last refresh's freed Buffers.
  gc?.();
  gc?.();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  return { ...process.memoryUsage(), spaces };
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
