import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inFlightOps, readJournal } from '../../src/import/journal-read.js';
import { readJournalForResume } from '../../src/import/recheck.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A journal of several MB (lines cross the reader's 1 MiB chunks, some with multi-byte names), written by hand. */
function bigJournal(path: string, users: number): void {
  writeFileSync(path, JSON.stringify({ type: 'begin', journal: 1, run: 1, command: 'import', packageDigest: 'd1', at: '2026-12-03T00:00:00.000Z', decisions: { emailPolicy: 'skip', includeInactive: false } }) + '\n', { mode: 0o600 });
  let text = '';
  for (let n = 1; n <= users; n += 1) {
    const op = `1.${n}`;
    text += JSON.stringify({ type: 'intent', op, action: 'user.create', target: { userExternalId: `ü-${n}-名前`, org: 'org_1' } }) + '\n';
    if (n === 7) text += JSON.stringify({ type: 'failed', op, code: 'UNAVAILABLE' }) + '\n'; // may have taken effect: kept
    else if (n === 8) text += JSON.stringify({ type: 'failed', op, code: 'INVALID_ARGUMENT' }) + '\n'; // refused: not kept
    else if (n !== users) text += JSON.stringify({ type: 'done', op, id: `usr_${n}` }) + '\n'; // the last one stays in flight
  }
  appendFileSync(path, text);
}

describe('journal read in chunks', () => {
  it('replays a multi-MB journal exactly as the whole-file reader did, and a resume keeps only what it must look at', async () => {
    const path = join(tempDir(), 'journal.ndjson');
    const users = 20_000;
    bigJournal(path, users);
    // A torn last line (a crash mid-write) is not a complete line.
    appendFileSync(path, '{"type":"done","op":"1.4');

    const all = await readJournal(path);
    expect(all.ops).toHaveLength(users);
    expect(all.ops[4999]).toMatchObject({ op: '1.5000', target: { userExternalId: 'ü-5000-名前' }, outcome: 'done', id: 'usr_5000' });
    expect(all.decisions).toEqual({ emailPolicy: 'skip', includeInactive: false });
    expect(inFlightOps(all).map((op) => op.op)).toEqual([`1.${users}`]);

    const resume = await readJournalForResume(path);
    expect(resume.ops.map((op) => [op.op, op.outcome ?? 'in flight'])).toEqual([
      ['1.7', 'failed'],
      [`1.${users}`, 'in flight'],
    ]);
    expect(resume.validBytes).toBe(all.validBytes);
    expect(resume.runs).toBe(1);

    const dropped: string[] = [];
    const none = await readJournal(path, { keep: () => false, dropped: (op) => dropped.push(op.op) });
    expect(none.ops.map((op) => op.op)).toEqual([`1.${users}`]);
    expect(dropped).toHaveLength(users - 1);
  });
});
