import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inFlightOps, readJournal } from '../../src/import/journal-read.js';
import { JournalWriter } from '../../src/import/journal-write.js';
import { tempDir } from '../helpers/temp-dir.js';

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

describe('journal', () => {
  it('puts an intent on disk before the caller may send the call, and replays ops with outcomes', async () => {
    const path = join(tempDir(), 'journal.ndjson');
    const writer = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: 'abc' });
    const op = await writer.intent('user.create', { userExternalId: 'u1', org: 'org_1', orgExternalId: 'o1' });
    expect(op).toBe('1.1');
    expect(lines(path).at(-1)).toEqual({ type: 'intent', op: '1.1', action: 'user.create', target: { userExternalId: 'u1', org: 'org_1', orgExternalId: 'o1' } });
    writer.done(op, 'usr_1');
    const second = await writer.intent('membership.update', { user: 'usr_1', org: 'org_1' }, { previous: { roles: ['member'] }, sent: { roles: ['admin'] } });
    writer.failed(second, 'INVALID_ARGUMENT', 'req_9');
    const third = await writer.intent('user.create', { userExternalId: 'u2', org: 'org_1' });
    await writer.end(false);
    await writer.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const history = await readJournal(path);
    expect(history).toMatchObject({ packageDigest: 'abc', runs: 1 });
    expect(history.ops).toEqual([
      { op: '1.1', run: 1, command: 'import', action: 'user.create', target: { userExternalId: 'u1', org: 'org_1', orgExternalId: 'o1' }, outcome: 'done', id: 'usr_1' },
      {
        op: '1.2',
        run: 1,
        command: 'import',
        action: 'membership.update',
        target: { user: 'usr_1', org: 'org_1' },
        previous: { roles: ['member'] },
        sent: { roles: ['admin'] },
        outcome: 'failed',
        code: 'INVALID_ARGUMENT',
      },
      { op: third, run: 1, command: 'import', action: 'user.create', target: { userExternalId: 'u2', org: 'org_1' } },
    ]);
    expect(inFlightOps(history).map((entry) => entry.op)).toEqual(['1.3']);
  });

  it('batches concurrent intents and numbers runs', async () => {
    const path = join(tempDir(), 'journal.ndjson');
    const first = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: 'abc' });
    const ops = await Promise.all(Array.from({ length: 50 }, (_, index) => first.intent('org.create', { orgExternalId: `o${index}` })));
    expect(new Set(ops).size).toBe(50);
    ops.forEach((op, index) => first.done(op, `org_${index}`));
    await first.close();
    const next = await JournalWriter.start(path, await readJournal(path), { command: 'rollback', packageDigest: 'abc' });
    expect(next.run).toBe(2);
    expect(await next.intent('org.delete', { org: 'org_0' })).toBe('2.1');
    await next.close();
    const history = await readJournal(path);
    expect(history.runs).toBe(2);
    expect(history.ops.filter((op) => op.outcome === 'done')).toHaveLength(50);
  });

  it('cuts off a line torn by a crash and refuses a damaged line in the middle', async () => {
    const dir = tempDir();
    const path = join(dir, 'journal.ndjson');
    const writer = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: 'abc' });
    await writer.intent('org.create', { orgExternalId: 'o1' });
    await writer.close();
    appendFileSync(path, '{"type":"done","op":"1.1","id":"or');
    const torn = await readJournal(path);
    expect(inFlightOps(torn)).toHaveLength(1);
    const resumed = await JournalWriter.start(path, torn, { command: 'import', packageDigest: 'abc' });
    await resumed.close();
    expect(lines(path).map((entry) => entry.type)).toEqual(['begin', 'intent', 'begin']);

    writeFileSync(path, '{"type":"begin","journal":1,"run":1,"command":"import","packageDigest":"x","at":"t"}\nnot json\n{"type":"absent","op":"1.1"}\n');
    await expect(readJournal(path)).rejects.toThrow(`${path}:2 is damaged (not JSON)`);
  });
});
