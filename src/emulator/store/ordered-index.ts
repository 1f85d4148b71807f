/**
 * Insertion-ordered ids for paging: `page()` resumes after a sequence number, so page tokens
 * survive inserts and deletes, and paging through everything is O(n) overall. Removal leaves a
 * tombstone; the array is compacted once tombstones outnumber live entries.
 */
export class OrderedIndex {
  private ids: string[] = [];
  private seqs: number[] = [];
  private readonly current = new Map<string, number>();
  private nextSeq = 1;
  private tombstones = 0;

  get size(): number {
    return this.current.size;
  }

  add(id: string): void {
    if (this.current.has(id)) return;
    const seq = this.nextSeq++;
    this.current.set(id, seq);
    this.ids.push(id);
    this.seqs.push(seq);
  }

  remove(id: string): void {
    if (!this.current.delete(id)) return;
    this.tombstones++;
    if (this.tombstones > 1024 && this.tombstones > this.current.size) this.compact();
  }

  /** Up to `size` ids after sequence `afterSeq`; `next` is the sequence to resume after, or 0 at the end. */
  page(afterSeq: number, size: number): { ids: string[]; next: number } {
    const ids: string[] = [];
    let i = this.firstAfter(afterSeq);
    let last = afterSeq;
    for (; i < this.ids.length && ids.length < size; i++) {
      if (this.isLive(i)) {
        ids.push(this.ids[i]!);
        last = this.seqs[i]!;
      }
    }
    for (; i < this.ids.length; i++) if (this.isLive(i)) return { ids, next: last };
    return { ids, next: 0 };
  }

  *values(): IterableIterator<string> {
    for (let i = 0; i < this.ids.length; i++) if (this.isLive(i)) yield this.ids[i]!;
  }

  private isLive(i: number): boolean {
    return this.current.get(this.ids[i]!) === this.seqs[i];
  }

  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    const ids: string[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < this.ids.length; i++) {
      if (this.isLive(i)) {
        ids.push(this.ids[i]!);
        seqs.push(this.seqs[i]!);
      }
    }
    this.ids = ids;
    this.seqs = seqs;
    this.tombstones = 0;
  }
}
