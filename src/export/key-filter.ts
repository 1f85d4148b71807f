/**
 * Remembers which keys (emails, external ids) have been seen, in a fixed amount of memory: a
 * blocked Bloom filter of 2^27 bits (16 MiB), five bits per key within one 512-bit block. It can answer "maybe seen"
 * for a key it never saw (about once in 15 million keys after a million, more as the count
 * grows), never "not seen" for one it did; a false "maybe" only sends a row the slower, exact way.
 */
export class KeyFilter {
  private readonly words: Int32Array;
  /** Blocks of 512 bits (one cache line): the five probes of a key fall in one block, one memory access. */
  private readonly blockMask: number;

  constructor(log2Bits = 27) {
    log2Bits = Math.max(9, log2Bits);
    this.words = new Int32Array(1 << (log2Bits - 5));
    this.blockMask = (1 << (log2Bits - 9)) - 1;
  }

  /**
   * A 31-bit hash of the key last added: exact enough to find the rows of a few repeated keys again
   * (a collision only sends one more row the exact way), and a small integer, cheap in a Set.
   */
  lastHash = 0;

  /** Adds the key; true when it may have been added before. */
  add(key: string): boolean {
    const [a, b] = hash64(key);
    this.lastHash = (a ^ Math.imul(b, 0x9e3779b1)) >>> 1;
    const base = (a & this.blockMask) << 4;
    let h = b;
    let seen = true;
    for (let i = 0; i < 5; i += 1) {
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x297a2d39;
      const bit = h >>> 23;
      const word = base + (bit >>> 5);
      const flag = 1 << (bit & 31);
      if ((this.words[word]! & flag) === 0) {
        seen = false;
        this.words[word]! |= flag;
      }
    }
    return seen;
  }
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
  out[0] = mix(a);
  out[1] = mix(b ^ 0x5bd1e995);
  return out;
}

/** Murmur3's finalizer: spreads every input bit over every output bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
