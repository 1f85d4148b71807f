/** The first part holds about 52,000 keys in 128 KiB; each next part is four times larger, up to 16 MiB. */
const FIRST_LOG2_BITS = 20;
const MAX_LOG2_BITS = 27;
/** Bits per key before a part counts as full: a false "maybe" about once in 4,000 keys per part. */
const BITS_PER_KEY = 20;

/**
 * Remembers which keys (emails, external ids) have been seen, in bounded memory: blocked Bloom
 * filters, five bits per key within one 512-bit block (one cache line). It can answer "maybe seen"
 * for a key it never saw, never "not seen" for one it did; a false "maybe" only sends a row the
 * slower, exact way.
 *
 * Each key costs a random memory access per part, so the filter grows with the keys instead of
 * starting at its largest: a part small enough to stay in the processor's caches answers several
 * times faster than one that does not (200,000 users: about 0.25 µs a user for both filters, against
 * 0.7-0.9 µs in one 16 MiB part). Parts fill in turn; a key is looked up in every part and added to
 * the newest. The last part (16 MiB) is never followed by another: beyond about 7 million keys it
 * overfills, and more rows take the exact way.
 */
export class KeyFilter {
  private readonly parts: Int32Array[] = [];
  private readonly blockMasks: number[] = [];
  private log2Bits: number;
  /** Keys the newest part takes before the next is made. */
  private room = 0;

  /** `fixedLog2Bits`: one part of that size that never grows (tests make it tiny to drive the exact paths). */
  constructor(private readonly fixedLog2Bits?: number) {
    this.log2Bits = Math.max(9, fixedLog2Bits ?? FIRST_LOG2_BITS);
    this.addPart();
  }

  /**
   * A 52-bit hash of the key last added (an exact integer in a double): finds the rows of repeated
   * keys again, and among a million written lines and thousands of staged keys two unrelated keys
   * share it about once in a million exports (a collision only sends one more row the exact way).
   */
  lastHash = 0;

  /** Adds the key; true when it may have been added before. */
  add(key: string): boolean {
    hash64(key);
    const a = hashA;
    const b = hashB;
    this.lastHash = a * 0x100000 + (b >>> 12);
    const newest = this.parts.length - 1;
    for (let i = 0; i < newest; i += 1) if (probe(this.parts[i]!, this.blockMasks[i]!, a, b, false)) return true;
    const seen = probe(this.parts[newest]!, this.blockMasks[newest]!, a, b, true);
    if (!seen && --this.room === 0 && this.fixedLog2Bits === undefined && this.log2Bits < MAX_LOG2_BITS) {
      this.log2Bits = Math.min(MAX_LOG2_BITS, this.log2Bits + 2);
      this.addPart();
    }
    return seen;
  }

  private addPart(): void {
    this.parts.push(new Int32Array(1 << (this.log2Bits - 5)));
    this.blockMasks.push((1 << (this.log2Bits - 9)) - 1);
    this.room = Math.floor(2 ** this.log2Bits / BITS_PER_KEY);
  }
}

/** Whether all five bits of the key are set in the part's block; with `set`, sets them too. */
function probe(words: Int32Array, blockMask: number, a: number, b: number, set: boolean): boolean {
  const base = (a & blockMask) << 4;
  let h = b;
  let seen = true;
  for (let i = 0; i < 5; i += 1) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x297a2d39;
    const bit = h >>> 23;
    const word = base + (bit >>> 5);
    const flag = 1 << (bit & 31);
    if ((words[word]! & flag) === 0) {
      if (!set) return false;
      seen = false;
      words[word]! |= flag;
    }
  }
  return seen;
}

let hashA = 0;
let hashB = 0;

/** Two independent 32-bit FNV-1a style hashes of the UTF-16 code units, two at a time, left in hashA and hashB. */
function hash64(text: string): void {
  let a = 0x811c9dc5 ^ text.length;
  let b = 0x9747b28c;
  const pairs = text.length & ~1;
  for (let i = 0; i < pairs; i += 2) {
    const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  if (pairs < text.length) {
    const c = text.charCodeAt(pairs);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashA = mix(a);
  hashB = mix(b ^ 0x5bd1e995);
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
