/** A seeded pseudo-random source in [0, 1): the simulator's data must be identical for a fixed seed. */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for fake data; never for anything secret. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly [T, ...T[]]): T {
  return items[Math.floor(rng() * items.length)] ?? items[0];
}

export function hex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 16).toString(16);
  return out;
}

/** A 24-hex id shaped like a MongoDB ObjectId: creation seconds first, as Atlas ids are. */
export function objectId(rng: Rng, createdMs: number): string {
  const seconds = Math.max(0, Math.floor(createdMs / 1000));
  return seconds.toString(16).padStart(8, '0').slice(-8) + hex(rng, 16);
}

/** Characters Atlas uses in API keys and secrets. */
export function token(rng: Rng, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)] ?? 'a';
  return out;
}
