import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmulatorState } from '../../src/emulator/index.js';
import { inFlightOps, readJournal } from '../../src/import/journal-read.js';
import { JournalWriter } from '../../src/import/journal-write.js';
import { loadImportPackage } from '../../src/import/load-package.js';
import { runImport } from '../../src/import/run-import.js';
import { runRollback } from '../../src/import/rollback.js';
import { runVerify } from '../../src/import/verify.js';
import { createScalekitClient } from '../../src/scalekit/client.js';
import { ScalekitManagementApi } from '../../src/scalekit/management-api.js';
import { testEmulator } from '../helpers/emulator.js';
import { startLossyProxy, type LossKind } from '../helpers/lossy-proxy.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

const FAST = { rate: 5000, concurrency: 8, retryPolicy: { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 20 } };

/** Entities the environment held before any import, some of which the package updates. */
const seed = {
  roles: [
    { name: 'admin', display_name: 'Admin', description: 'Organization administrator', default_creator: true },
    { name: 'member', display_name: 'Member', description: 'Organization member', default_member: true },
    { name: 'auditor', display_name: 'Auditor', description: 'reads logs', permissions: ['logs:list'] },
  ],
  organizations: [{ id: 'org_preexisting', external_id: 'l-org-0', display_name: 'Old Name Co', metadata: { crm_id: '77' } }],
  users: [
    {
      id: 'usr_preexisting000001',
      email: 'l.user0@example.com',
      external_id: 'l-user-0',
      given_name: 'Before',
      family_name: 'Import',
      email_verified: true,
      metadata: { legacy_id: 'old' },
      memberships: [{ organization_external_id: 'l-org-0', roles: ['member'] }],
    },
    { id: 'usr_bystander00000001', email: 'bystander@example.com', memberships: [{ organization_external_id: 'l-org-0', roles: ['auditor'] }] },
  ],
};

/** Everything a rollback must put back exactly: ids, names, metadata, memberships with roles, roles with permissions. */
function shape(state: EmulatorState) {
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
  return {
    organizations: byId(state.organizations).map((org) => [org.id, org.external_id, org.display_name, org.metadata]),
    users: byId(state.users).map((user) => [user.id, user.external_id, user.email, user.given_name, user.family_name, user.metadata]),
    memberships: state.memberships
      .map((membership) => [membership.user_id, membership.organization_id, [...membership.roles].sort(), membership.status] as const)
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    roles: [...state.roles].map((role) => [role.name, role.display_name, role.description, [...(role.permissions ?? [])].sort()]).sort(),
    permissions: state.permissions.map((permission) => permission.name).sort(),
  };
}

function lossyPackage(): string {
  const dir = tempDir();
  const content = syntheticPackage({ organizations: 12, users: 150, membershipsPerUser: 2, prefix: 'l', roles: ['admin', 'member', 'auditor'] });
  // The pre-existing role gains a permission, the pre-existing user new names and metadata, the
  // pre-existing membership a different role: a rollback must put each of these back.
  content.roles = content.roles.map((role) => (role.name === 'auditor' ? { ...role, permissions: ['logs:list', 'logs:read'] } : role));
  content.users[0] = { ...content.users[0]!, first_name: 'After', last_name: 'Import', metadata: { legacy_id: 'new', tier: 'gold' } };
  content.users[0]!.memberships = [{ org_external_id: 'l-org-0', roles: ['admin'] }, { org_external_id: 'l-org-1', roles: ['member'] }];
  writeTestPackage(dir, content);
  return dir;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('answers lost after the server applied the call', () => {
  it.each(['rst', 'internal', 'connection'] as LossKind[])(
    'import then rollback through answers lost at 5 percent (%s) leaves the environment exactly as before; a re-import creates nothing twice',
    async (kind) => {
      const { emulator, connection } = await testEmulator({ seed });
      const before = shape(emulator.state());
      const proxy = await startLossyProxy({ upstream: emulator.url, lossRate: 0.05, kind, random: seededRandom(7) });
      const through = { ...connection, environmentUrl: proxy.url };
      const dir = lossyPackage();

      const first = await runImport({ packageDir: dir, apply: true, connection: through, ...FAST });
      const again = await runImport({ packageDir: dir, apply: true, connection: through, ...FAST });
      const lostCreates = [...proxy.lost].filter(([method]) => method.startsWith('Create')).reduce((sum, [, n]) => sum + n, 0);
      expect(lostCreates, 'the proxy lost answers of creates the server applied').toBeGreaterThan(5);
      // Every lost create was looked up, never resent into ALREADY_EXISTS, never created twice.
      const counters = emulator.counters();
      for (const method of ['CreateOrganization', 'CreateUserAndMembership', 'CreateMembership', 'CreateRole', 'CreatePermission']) {
        expect(counters.failures[method] ?? 0, `${method} refused (a resend of a call that had taken effect)`).toBe(0);
      }
      expect(first.failures.total + again.failures.total, JSON.stringify(first.failures.samples)).toBe(0);
      expect(again.counts.users.create).toBe(0);
      expect(again.counts.organizations.create).toBe(0);
      expect(emulator.state().users).toHaveLength(seed.users.length + 149);
      expect(emulator.state().organizations).toHaveLength(12);
      expect((await runVerify({ packageDir: dir, connection: through, rate: 5000 })).ok).toBe(true);

      const rolledBack = await runRollback({ packageDir: dir, apply: true, connection: through, ...FAST });
      expect(rolledBack.failures.total, JSON.stringify(rolledBack.failures.samples)).toBe(0);
      expect(rolledBack.blocked.total, JSON.stringify(rolledBack.blocked.samples)).toBe(0);
      expect(rolledBack.complete).toBe(true);
      expect(rolledBack.next).toMatch(/^Rollback done/);
      expect(shape(emulator.state())).toEqual(before);
      await proxy.close();
    },
  );

  it('an outage longer than the retries: unknown outcomes stay open in the journal and are settled by the rollback', async () => {
    const { emulator, connection } = await testEmulator({ seed, latencyMs: 2 });
    const before = shape(emulator.state());
    const proxy = await startLossyProxy({ upstream: emulator.url });
    const through = { ...connection, environmentUrl: proxy.url };
    const dir = lossyPackage();
    let outageStarted = false;
    const cut = await runImport({
      packageDir: dir,
      apply: true,
      connection: through,
      rate: 5000,
      concurrency: 8,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      progress: (event) => {
        if (!outageStarted && event.kind === 'advance' && event.phase === 'users' && event.done === 40) {
          outageStarted = true;
          proxy.outageAfterNextCall(1500);
        }
      },
    });
    expect(outageStarted).toBe(true);
    expect(cut.failures.total).toBeGreaterThan(0);
    const open = inFlightOps(await readJournal(join(dir, 'journal.ndjson')));
    expect(open.length, 'calls whose outcome stayed unknown keep an open intent').toBeGreaterThan(0);
    expect([...proxy.lost.values()].reduce((a, b) => a + b, 0), 'calls applied whose answers the outage swallowed').toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1600));

    const rolledBack = await runRollback({ packageDir: dir, apply: true, connection: through, ...FAST });
    expect(rolledBack.journal.inFlight).toBe(open.length);
    expect(rolledBack.failures.total, JSON.stringify(rolledBack.failures)).toBe(0);
    expect(rolledBack.complete, JSON.stringify(rolledBack)).toBe(true);
    expect(shape(emulator.state())).toEqual(before);
    await proxy.close();
  });

  it('creates journaled failed with an answer that proves nothing (journals from before look-ups) are found by key and rolled back; a refused one is not claimed', async () => {
    const { emulator, connection } = await testEmulator();
    const dir = tempDir();
    writeTestPackage(dir, syntheticPackage({ organizations: 3, users: 0, prefix: 'f' }));
    const pkg = await loadImportPackage(dir);
    const path = join(dir, 'journal.ndjson');
    const api = new ScalekitManagementApi(createScalekitClient(connection));
    // The old importer's journal: three creates reached Scalekit but were written down failed.
    const old = await JournalWriter.start(path, await readJournal(path), { command: 'import', packageDigest: pkg.digest });
    for (const [index, code] of [[0, 'INTERNAL'], [1, 'ALREADY_EXISTS'], [2, 'INVALID_ARGUMENT']] as const) {
      const op = await old.intent('org.create', { orgExternalId: `f-org-${index}` });
      old.failed(op, code);
    }
    await old.end(false);
    await old.close();
    for (const index of [0, 1]) await api.createOrganization({ displayName: `Organization f ${index}`, externalId: `f-org-${index}`, metadata: { plan: index % 2 ? 'pro' : 'free', legacy_id: String(index) } });
    // Someone else made f-org-2 after the import was refused: the refusal proves the import did not.
    const theirs = await api.createOrganization({ displayName: 'Not ours', externalId: 'f-org-2' });

    const plan = await runRollback({ packageDir: dir, apply: false, connection, ...FAST });
    expect(plan.counts.organizations.delete).toBe(2);
    const rolledBack = await runRollback({ packageDir: dir, apply: true, connection, ...FAST });
    expect(rolledBack.counts.organizations.delete).toBe(2);
    expect(rolledBack.complete).toBe(true);
    expect(emulator.state().organizations.map((org) => org.id)).toEqual([theirs.id]);
    const journal = readFileSync(path, 'utf8');
    expect(journal.match(/"recovered":true/g)).toHaveLength(2);
  });
});
