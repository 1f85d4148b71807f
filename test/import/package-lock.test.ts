import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/import/journal-read.js';
import { JournalWriter } from '../../src/import/journal-write.js';
import { PackageLock } from '../../src/import/package-lock.js';
import { runImport } from '../../src/import/run-import.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';
import { runCli, startCli } from '../helpers/child.js';
import { successfulCalls, testEmulator } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

function packageOf(users: number): string {
  const dir = tempDir();
  writeTestPackage(dir, syntheticPackage({ organizations: 3, users }));
  return dir;
}

function journalLines(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, 'journal.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** The pid of a process that has just exited: a holder that is certainly gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const holderMessage = (command: string) => new RegExp(`the package is in use: ${command} started \\S+ by process ${process.pid} on host ${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} holds package\\.lock`);

describe('one writing run per package', () => {
  it('import x import: the second is refused naming the holder; the first completes and its journal is whole', async () => {
    const { emulator, connection } = await testEmulator({ latencyMs: 5 });
    const dir = packageOf(40);
    const first = runImport({ packageDir: dir, apply: true, connection, rate: 5000, concurrency: 4 });
    await waitFor(() => existsSync(join(dir, 'journal.ndjson')));
    await expect(runImport({ packageDir: dir, apply: true, connection, rate: 5000 })).rejects.toThrow(holderMessage('import'));
    const result = await first;
    expect(result.failures.total).toBe(0);
    expect(result.counts.users.create).toBe(40);
    expect(successfulCalls(emulator).CreateUserAndMembership).toBe(40);
    const entries = journalLines(dir);
    expect(entries.filter((entry) => entry.type === 'begin')).toHaveLength(1);
    const intents = entries.filter((entry) => entry.type === 'intent').map((entry) => entry.op);
    const outcomes = new Set(entries.filter((entry) => entry.type === 'done').map((entry) => entry.op));
    expect(intents.every((op) => outcomes.has(op))).toBe(true);
    expect(existsSync(join(dir, 'package.lock'))).toBe(false);
    expect((await runVerify({ packageDir: dir, connection, rate: 5000 })).ok).toBe(true);
  });

  it('import x rollback and rollback x import: refused while the other runs, and the journal is never cut', async () => {
    const { emulator, connection } = await testEmulator({ latencyMs: 5 });
    const dir = packageOf(30);
    const importing = runImport({ packageDir: dir, apply: true, connection, rate: 5000, concurrency: 4 });
    await waitFor(() => existsSync(join(dir, 'journal.ndjson')));
    await expect(runRollback({ packageDir: dir, apply: true, connection, rate: 5000 })).rejects.toThrow(holderMessage('import'));
    await importing;
    const afterImport = readFileSync(join(dir, 'journal.ndjson'), 'utf8');

    const rolling = runRollback({ packageDir: dir, apply: true, connection, rate: 5000, concurrency: 2 });
    await waitFor(() => readFileSync(join(dir, 'journal.ndjson'), 'utf8').length > afterImport.length);
    await expect(runImport({ packageDir: dir, apply: true, connection, rate: 5000 })).rejects.toThrow(holderMessage('rollback'));
    // Verify only reads and takes no lock, but is refused while a rollback writes, naming it.
    await expect(runVerify({ packageDir: dir, connection, rate: 5000 })).rejects.toThrow(/^verify refused: rollback started \S+ by process \d+ on host .+ holds package\.lock/);
    const rolledBack = await rolling;
    expect(rolledBack.counts.users.delete).toBe(30);
    expect(readFileSync(join(dir, 'journal.ndjson'), 'utf8').startsWith(afterImport)).toBe(true);
    expect(emulator.state().users).toHaveLength(0);
    // Plans write nothing to Scalekit or the journal: they need no lock and are not refused.
    const held = await PackageLock.acquire(dir, 'import');
    expect((await runImport({ packageDir: dir, apply: false, connection, rate: 5000 })).mode).toBe('plan');
    await held.release();
  });

  it('takes over a stale lock (its process is gone) and refuses one held on another host, naming the file to delete', async () => {
    const { connection } = await testEmulator();
    const dir = packageOf(3);
    const lock = join(dir, 'package.lock');
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), command: 'import', startedAt: '2026-12-01T00:00:00.000Z', token: 'aaaa' }));
    const result = await runImport({ packageDir: dir, apply: true, connection, rate: 5000 });
    expect(result.counts.users.create).toBe(3);
    expect(existsSync(lock)).toBe(false);

    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'build-7.example.internal', command: 'rollback', startedAt: '2026-12-01T00:00:00.000Z', token: 'bbbb' }));
    const refused = runRollback({ packageDir: dir, apply: true, connection, rate: 5000 });
    await expect(refused).rejects.toThrow(`rollback started 2026-12-01T00:00:00.000Z by process ${process.pid} on host build-7.example.internal holds package.lock`);
    await expect(refused).rejects.toThrow(`if it is known to be gone, delete ${lock}`);
    expect(existsSync(lock)).toBe(true);
  });

  it('releases the lock when a run fails, and never removes a lock that is not its own', async () => {
    const { connection } = await testEmulator();
    const dir = packageOf(2);
    writeFileSync(join(dir, 'journal.ndjson'), '{"not":"a journal"}\n');
    await expect(runImport({ packageDir: dir, apply: true, connection })).rejects.toThrow(/journal\.ndjson:1 is not a journal entry/);
    expect(existsSync(join(dir, 'package.lock'))).toBe(false);

    const mine = await PackageLock.acquire(dir, 'import');
    writeFileSync(mine.path, JSON.stringify({ ...mine.holder, token: 'someone-else' }));
    await mine.release();
    expect(existsSync(mine.path)).toBe(true);
  });

  it('a run that starts never cuts complete lines another run appended after it read the journal; a torn last line is still cut', async () => {
    const dir = tempDir();
    const path = join(dir, 'journal.ndjson');
    const first = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: 'd' });
    await first.intent('org.create', { orgExternalId: 'o1' });
    await first.close();
    const read = await readJournal(path);
    appendFileSync(path, JSON.stringify({ type: 'intent', op: '9.1', action: 'org.create', target: { orgExternalId: 'o2' } }) + '\n');
    const before = readFileSync(path, 'utf8');
    await expect(JournalWriter.start(path, read, { command: 'import', packageDigest: 'd' })).rejects.toThrow(/grew while this run started .* nothing was cut off/);
    expect(readFileSync(path, 'utf8')).toBe(before);

    appendFileSync(path, '{"type":"done","op":"9');
    const torn = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: 'd' });
    await torn.close();
    const after = readFileSync(path, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(JSON.parse(after.slice(before.length))).toMatchObject({ type: 'begin', run: 2 });
  });
});


describe('one writing run per package, across processes (built CLI)', () => {
  it('a second CLI import or rollback is refused (exit 2) naming the first one\'s process; the first is not disturbed', async () => {
    const { env } = await testEmulator();
    const dir = packageOf(400);
    // Slow on purpose (20 calls/s): it must still hold the package while two more CLIs start.
    const first = startCli(['import', '--in', dir, '--apply', '--without-plan', '--rate', '20', '--concurrency', '2', '--json'], { env });
    await waitFor(() => existsSync(join(dir, 'package.lock')) && existsSync(join(dir, 'journal.ndjson')));
    const [second, rollback] = await Promise.all([runCli(['import', '--in', dir, '--apply', '--json'], { env }), runCli(['rollback', '--in', dir, '--apply', '--json'], { env })]);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`the package is in use: import started`);
    expect(second.stderr).toContain(`by process ${first.child.pid} on host ${hostname()} holds package.lock`);
    expect(rollback.status).toBe(2);
    expect(rollback.stderr).toContain(`by process ${first.child.pid}`);
    first.child.kill('SIGINT');
    const done = await first.done;
    expect(JSON.parse(done.stdout).run.interrupted).toBe(true);
    const entries = journalLines(dir);
    expect(entries.filter((entry) => entry.type === 'begin')).toHaveLength(1);
    expect(entries.at(-1)).toMatchObject({ type: 'end', interrupted: true });
    expect(existsSync(join(dir, 'package.lock'))).toBe(false);
  }, 120_000);
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
