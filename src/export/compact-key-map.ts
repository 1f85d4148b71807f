/**
 * A hash map from strings to small integers that stores only a 64-bit hash of each key: about
 * 24 bytes per entry, so a million emails or ids cost tens of megabytes, not hundreds. Two keys
 * with the same hash are treated as the same key; callers use it only to decide that rows *may*
 * belong together and check the real values afterwards, so a collision costs time, never data.
 */
export class CompactKeyMap {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.keys = new Uint32Array(capacity * 2);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value stored for the key, or undefined. */
  get(key: string): number | undefined {
    const [hi, lo] = hash64(key);
    let slot = lo & this.mask;
    for (;;) {
      const at = slot * 2;
      const keyHi = this.keys[at]!;
      const keyLo = this.keys[at + 1]!;
      if (keyHi === 0 && keyLo === 0) return undefined;
      if (keyHi === hi && keyLo === lo) return this.values[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  set(key: string, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const [hi, lo] = hash64(key);
    this.insert(hi, lo, value);
  }

  private insert(hi: number, lo: number, value: number): void {
    let slot = lo & this.mask;
    for (;;) {
      const at = slot * 2;
      const keyHi = this.keys[at]!;
      const keyLo = this.keys[at + 1]!;
      if (keyHi === 0 && keyLo === 0) {
        this.keys[at] = hi;
        this.keys[at + 1] = lo;
        this.values[slot] = value;
        this.size += 1;
        return;
      }
      if (keyHi === hi && keyLo === lo) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Uint32Array(capacity * 2);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < oldValues.length; slot += 1) {
      const hi = oldKeys[slot * 2]!;
      const lo = oldKeys[slot * 2 + 1]!;
      if (hi !== 0 || lo !== 0) this.insert(hi, lo, oldValues[slot]!);
    }
  }
}

const out: [number, number] = [0, 0];

/** Two independent 32-bit FNV-1a style hashes of the UTF-16 code units; never both zero (zero marks an empty slot). */
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
  out[1] = (b | 1) >>> 0;
  return out;
}
