/**
 * Remembers which keys (emails, external ids) have been seen, in a fixed amount of memory: a
 * Bloom filter of 2^26 bits (8 MiB) probed at four places per key. It can answer "maybe seen"
 * for a key it never saw (about 1 in 70,000 keys after a million, more as the count grows), never
 * "not seen" for one it did; a false "maybe" only sends a row the slower, exact way.
 */
export class KeyFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;

  constructor(log2Bits = 26) {
    log2Bits = Math.max(5, log2Bits);
    this.bits = new Int32Array(1 << (log2Bits - 5));
    this.mask = (1 << log2Bits) - 1;
  }

  /** Adds the key; true when it may have been added before. */
  add(key: string): boolean {
    const [a, b] = hash64(key);
    let seen = true;
    for (let i = 0; i < 4; i += 1) {
      const bit = (a + Math.imul(i, b)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word]! & flag) === 0) {
        seen = false;
        this.bits[word]! |= flag;
      }
    }
    return seen;
  }
}

/** A 53-bit number standing for the key (exact enough to find the rows of a few repeated keys again). */
export function keyHash(key: string): number {
  const [a, b] = hash64(key);
  return (a >>> 0) * 2097152 + (b >>> 11);
}

const out: [number, number] = [0, 0];

/** Two independent 32-bit FNV-1a style hashes of the UTF-16 code units. */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  out[0] = a >>> 0;
  out[1] = b >>> 0;
  return out;
}
