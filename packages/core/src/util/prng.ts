/**
 * A small seeded PRNG (sfc32) so that ids and secrets are reproducible from the organization's
 * seed. Never Math.random: same seed + same inputs must give byte-identical logs.
 */
export interface Prng {
  /** Fills `bytes` random bytes, as nanoid's customRandom expects. */
  bytes(size: number): Uint8Array;
  /** The generator state, so an organization can be snapshotted and resumed. */
  snapshot(): readonly [number, number, number, number];
}

export function createPrng(seed: number | readonly [number, number, number, number]): Prng {
  let a: number, b: number, c: number, d: number;
  if (typeof seed === 'number') {
    // splitmix32 spreads a small integer seed over four words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    a = next(); b = next(); c = next(); d = next();
  } else {
    [a, b, c, d] = seed;
  }
  const u32 = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return r >>> 0;
  };
  return {
    bytes(size) {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i += 4) {
        const v = u32();
        out[i] = v & 255;
        if (i + 1 < size) out[i + 1] = (v >>> 8) & 255;
        if (i + 2 < size) out[i + 2] = (v >>> 16) & 255;
        if (i + 3 < size) out[i + 3] = (v >>> 24) & 255;
      }
      return out;
    },
    snapshot: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0] as const,
  };
}
