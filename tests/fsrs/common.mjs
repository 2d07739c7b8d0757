// Helpers shared by the fixture generators.

// mulberry32: small, fast, fixed-seed PRNG returning [0, 1).
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Unix seconds as YYYY-MM-DDTHH:MM:SSZ.
export function iso(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z';
}
