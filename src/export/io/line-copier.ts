import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Walks a file of newline-ended lines whose byte lengths are known (recorded when they were written)
 * and copies the kept lines onward in large blocks, without decoding them; a line not kept is
 * returned as text. Memory: one buffer of the block size (or of the longest line).
 */
export class LineCopier {
  private readonly fd: number;
  private buf: Buffer;
  /** Start of the next line in buf, end of the bytes read into buf. */
  private start = 0;
  private end = 0;
  /** Kept lines waiting in buf from this offset, and how many. */
  private keptFrom = 0;
  private keptLines = 0;

  constructor(
    path: string,
    private readonly out: (bytes: Buffer, lines: number) => void,
    blockBytes = 1 << 20,
  ) {
    this.fd = openSync(path, 'r');
    this.buf = Buffer.allocUnsafe(blockBytes);
  }

  /** Copies the next line (`bytes` long, without its newline) onward. */
  keep(bytes: number): void {
    this.advance(bytes);
    this.keptLines += 1;
  }

  /** The next line (`bytes` long, without its newline) as text; it is not copied. */
  take(bytes: number): string {
    const at = this.advance(bytes);
    this.flushKept(at);
    this.keptFrom = this.start;
    return this.buf.toString('utf8', at, at + bytes);
  }

  /** Copies what is kept and closes the file. */
  finish(): void {
    this.flushKept(this.start);
    closeSync(this.fd);
  }

  private advance(bytes: number): number {
    const need = bytes + 1;
    if (this.end - this.start < need) this.refill(need);
    const at = this.start;
    this.start += need;
    if (this.buf[this.start - 1] !== 0x0a) throw new Error('a line of the file does not have the length recorded for it');
    return at;
  }

  private refill(need: number): void {
    this.flushKept(this.start);
    const rest = this.end - this.start;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, this.start, this.end);
      this.buf = bigger;
    } else this.buf.copy(this.buf, 0, this.start, this.end);
    this.start = 0;
    this.keptFrom = 0;
    this.end = rest;
    while (this.end < need) {
      const read = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (read === 0) throw new Error('the file is shorter than the lines recorded for it');
      this.end += read;
    }
  }

  private flushKept(upTo: number): void {
    if (upTo > this.keptFrom) this.out(this.buf.subarray(this.keptFrom, upTo), this.keptLines);
    this.keptFrom = upTo;
    this.keptLines = 0;
  }
}
