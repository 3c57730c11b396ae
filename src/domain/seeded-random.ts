/**
 * mulberry32: a small seeded pseudo-random generator, for what must be the same on every run
 * (synthetic dossiers, benchmark portfolios, seeded test simulations). Not for anything secret.
 * Returns numbers in [0, 1): the generator's 32-bit output divided by 2^32.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
