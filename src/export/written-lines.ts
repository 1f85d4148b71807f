/** One written line of users.ndjson as the export remembers it. */
export interface WrittenLine {
  /** The key filters' 52-bit hashes of its email and external id. */
  emailKey: number;
  idKey: number;
  /** Reading position of its record, and the source's merge rank. */
  ord: number;
  rank: number;
  /** Its length in bytes, without the newline. */
  bytes: number;
  memberships: number;
  /** Index into the output's algorithm and status lists. */
  algorithm: number;
  status: number;
}

/**
 * What the export keeps of each line it has written to users.ndjson, by line number, in typed
 * arrays (34 bytes a line): enough to find the lines to take back and to copy the others, without
 * writing or parsing a record per line. Where each line came from is kept apart, in a scratch file.
 */
export class WrittenLines {
  count = 0;
  private emailKeys = new Float64Array(1 << 12);
  private idKeys = new Float64Array(1 << 12);
  private ords = new Int32Array(1 << 12);
  private ranks = new Int32Array(1 << 12);
  private bytes = new Int32Array(1 << 12);
  private memberships = new Int32Array(1 << 12);
  private algorithms = new Uint8Array(1 << 12);
  private statuses = new Uint8Array(1 << 12);

  /** Remembers the next line (positional: no object a line). */
  add(emailKey: number, idKey: number, ord: number, rank: number, bytes: number, memberships: number, algorithm: number, status: number): void {
    const at = this.count++;
    if (at === this.ords.length) this.grow();
    this.emailKeys[at] = emailKey;
    this.idKeys[at] = idKey;
    this.ords[at] = ord;
    this.ranks[at] = rank;
    this.bytes[at] = bytes;
    this.memberships[at] = memberships;
    this.algorithms[at] = algorithm;
    this.statuses[at] = status;
  }

  /** Whether any written line holds one of these email or id hashes. */
  holdsAny(emailKeys: Set<number>, idKeys: Set<number>): boolean {
    for (let at = 0; at < this.count; at += 1) if (emailKeys.has(this.emailKeys[at]!) || idKeys.has(this.idKeys[at]!)) return true;
    return false;
  }

  /** Line `at`, read into `into` (one object reused for every line). */
  read(at: number, into: WrittenLine): WrittenLine {
    into.emailKey = this.emailKeys[at]!;
    into.idKey = this.idKeys[at]!;
    into.ord = this.ords[at]!;
    into.rank = this.ranks[at]!;
    into.bytes = this.bytes[at]!;
    into.memberships = this.memberships[at]!;
    into.algorithm = this.algorithms[at]!;
    into.status = this.statuses[at]!;
    return into;
  }

  private grow(): void {
    const size = this.ords.length * 2;
    this.emailKeys = copied(this.emailKeys, new Float64Array(size));
    this.idKeys = copied(this.idKeys, new Float64Array(size));
    this.ords = copied(this.ords, new Int32Array(size));
    this.ranks = copied(this.ranks, new Int32Array(size));
    this.bytes = copied(this.bytes, new Int32Array(size));
    this.memberships = copied(this.memberships, new Int32Array(size));
    this.algorithms = copied(this.algorithms, new Uint8Array(size));
    this.statuses = copied(this.statuses, new Uint8Array(size));
  }
}

function copied<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
