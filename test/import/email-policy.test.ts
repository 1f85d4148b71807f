import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';
import type { UserRecord } from '../../src/package/records.js';
import { testEmulator, writeCalls } from '../helpers/emulator.js';
import { syntheticPackage, writeTestPackage } from '../helpers/test-package.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * 12 users with 2 memberships each: 4 never proved their address (email_verified false), one is
 * inactive and one soft-deleted in the source.
 */
function mixedPackage(): { dir: string; unverified: string[]; inactive: string[] } {
  const content = syntheticPackage({ organizations: 4, users: 12, membershipsPerUser: 2, prefix: 'ep' });
  const unverified: string[] = [];
  const inactive: string[] = [];
  content.users.forEach((user: UserRecord, index) => {
    if (index % 3 === 0) {
      user.email_verified = false;
      unverified.push(user.external_id);
    }
    if (index === 1 || index === 2) {
      user.status = index === 1 ? 'inactive' : 'deleted';
      inactive.push(user.external_id);
    }
  });
  const dir = tempDir();
  writeTestPackage(dir, content);
  return { dir, unverified, inactive };
}

describe('unverified emails: the plan stops and asks; each policy end to end', () => {
  it('no policy: the plan asks (counts, choices), an apply refuses before writing anything', async () => {
    const { emulator, connection } = await testEmulator();
    const { dir } = mixedPackage();
    const plan = await runImport({ packageDir: dir, apply: false, connection });
    expect(plan.needsDecision?.emailPolicy).toMatchObject({ users: 4, choices: ['invite', 'skip', 'verified'] });
    expect(plan.next).toContain('Ask the user');
    expect(plan.notes.inactiveUsers).toEqual({ inactive: 1, deleted: 1 });
    expect(plan.skipped).toMatchObject({ total: 2, byReason: { 'status-not-active': 2 } });
    expect(plan.counts.users).toMatchObject({ create: 10, skipped: 2 });
    const refused = await runImport({ packageDir: dir, apply: true, connection }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UserInputError);
    expect((refused as Error).message).toContain('4 user(s) in the package have email_verified false');
    expect((refused as Error).message).toContain('invite');
    expect(writeCalls(emulator)).toBe(0);
  });

  it('skip: unverified users left out and listed, no email sent, verify ok', async () => {
    const { emulator, connection } = await testEmulator();
    const { dir, unverified } = mixedPackage();
    const plan = await runImport({ packageDir: dir, apply: false, connection, emailPolicy: 'skip' });
    expect(plan.needsDecision).toBeUndefined();
    expect(plan.skipped.byReason).toEqual({ 'email-unverified': 4, 'status-not-active': 2 });
    expect(plan.notes.invitationsPlanned).toBe(0);
    const result = await runImport({ packageDir: dir, apply: true, connection, emailPolicy: 'skip' });
    expect(result.failures.total).toBe(0);
    expect(result.counts.users).toMatchObject({ create: 6, skipped: 6 });
    expect(result.decisions).toEqual({ emailPolicy: 'skip', includeInactive: false });
    expect(emulator.counters().invitationsSent).toBe(0);
    const held = new Set(emulator.state().users.map((user) => user.external_id));
    for (const id of unverified) expect(held.has(id)).toBe(false);
    const verify = await runVerify({ packageDir: dir, connection, emailPolicy: 'skip' });
    expect(verify.mismatches.byKind).toEqual({});
    expect(verify.ok).toBe(true);
    expect(verify.notes.skipped).toBe(6);
  });

  it('verified: imported as verified, only when asked; no email sent; verify ok', async () => {
    const { emulator, connection } = await testEmulator();
    const { dir, unverified } = mixedPackage();
    const result = await runImport({ packageDir: dir, apply: true, connection, emailPolicy: 'verified' });
    expect(result.counts.users).toMatchObject({ create: 10, skipped: 2 });
    expect(emulator.counters().invitationsSent).toBe(0);
    const users = new Map(emulator.state().users.map((user) => [user.external_id, user]));
    for (const id of unverified) expect(users.get(id)?.email_verified).toBe(true);
    const verify = await runVerify({ packageDir: dir, connection, emailPolicy: 'verified' });
    expect(verify.mismatches.byKind).toEqual({});
    expect(verify.ok).toBe(true);
    // The journal recorded the policy: verify without options compares against it.
    const recorded = await runVerify({ packageDir: dir, connection });
    expect(recorded.decisions).toEqual({ emailPolicy: 'verified', includeInactive: false });
    expect(recorded.ok).toBe(true);
  });

  it('invite: exactly the planned invitations are sent (one per membership), users stay unverified until they accept; verify ok', async () => {
    const { emulator, connection } = await testEmulator();
    const { dir, unverified } = mixedPackage();
    const plan = await runImport({ packageDir: dir, apply: false, connection, emailPolicy: 'invite' });
    expect(plan.notes.invitationsPlanned).toBe(8);
    const result = await runImport({ packageDir: dir, apply: true, connection, emailPolicy: 'invite' });
    expect(result.failures.total).toBe(0);
    expect(result.counts.users).toMatchObject({ create: 10, skipped: 2 });
    expect(emulator.counters().invitationsSent).toBe(8);
    expect(result.notes.invitationsSent).toBe(8);
    const state = emulator.state();
    const users = new Map(state.users.map((user) => [user.external_id, user]));
    for (const id of unverified) {
      const user = users.get(id)!;
      expect(user.email_verified).toBe(false);
      expect(state.memberships.filter((m) => m.user_id === user.id).map((m) => m.status)).toEqual(['PENDING_INVITE', 'PENDING_INVITE']);
    }
    const verify = await runVerify({ packageDir: dir, connection });
    expect(verify.decisions.emailPolicy).toBe('invite');
    expect(verify.mismatches.byKind).toEqual({});
    expect(verify.ok).toBe(true);
    // A second run (the policy comes from the journal) sends nothing more.
    const again = await runImport({ packageDir: dir, apply: true, connection });
    expect(again.decisions.emailPolicy).toBe('invite');
    expect(again.counts.users.create).toBe(0);
    expect(emulator.counters().invitationsSent).toBe(8);
  });

  it('non-active users: imported only when asked, flagged with their legacy status; verify ok', async () => {
    const { emulator, connection } = await testEmulator();
    const { dir, inactive } = mixedPackage();
    const result = await runImport({ packageDir: dir, apply: true, connection, emailPolicy: 'verified', includeInactive: true });
    expect(result.counts.users).toMatchObject({ create: 12, skipped: 0 });
    const users = new Map(emulator.state().users.map((user) => [user.external_id, user]));
    expect(users.get(inactive[0]!)?.metadata.legacy_status).toBe('inactive');
    expect(users.get(inactive[1]!)?.metadata.legacy_status).toBe('deleted');
    const verify = await runVerify({ packageDir: dir, connection, emailPolicy: 'verified', includeInactive: true });
    expect(verify.mismatches.byKind).toEqual({});
    expect(verify.ok).toBe(true);
  });
});
