// For tests only: a seeded pseudo-random generator, so random cases are the same on every run and
// a failing one can be replayed from its seed.

/** mulberry32: a small, fast PRNG with a 32-bit state; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
