import { ScalekitConflictException } from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import { sdkFor, startTestEmulator } from '../helpers/emulator.js';

describe('emulator: uniqueness under concurrency', () => {
  it('500 concurrent user creates colliding on email and external_id: exactly one wins each, the rest get ALREADY_EXISTS', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await sk.role.listRoles(); // one token for everybody
    const org = (await sk.organization.createOrganization('Acme')).organization!;

    const groups = 50;
    const attempts = Array.from({ length: 500 }, (_, i) => {
      const group = i % groups;
      // Differently-cased spellings of one address collide too.
      const email = i % 3 === 0 ? `User${group}@Example.com` : `user${group}@example.com`;
      return sk.user.createUserAndMembership(org.id, { email, externalId: `ext-${group}`, sendInvitationEmail: false }).then(
        (r) => ({ group, userId: r.user!.id }),
        (error: unknown) => ({ group, error }),
      );
    });
    const results = await Promise.all(attempts);

    const winners = results.filter((r): r is { group: number; userId: string } => 'userId' in r);
    const losers = results.filter((r): r is { group: number; error: unknown } => 'error' in r);
    expect(winners).toHaveLength(groups);
    expect(new Set(winners.map((w) => w.group)).size).toBe(groups);
    expect(losers).toHaveLength(450);
    for (const { error } of losers) {
      expect(error).toBeInstanceOf(ScalekitConflictException);
      expect((error as ScalekitConflictException).grpcStatus).toBe(6);
    }
    const users = emulator.state().users;
    expect(users).toHaveLength(groups);
    expect(new Set(users.map((u) => u.email)).size).toBe(groups);
    expect(new Set(users.map((u) => u.external_id)).size).toBe(groups);
    expect(emulator.state().memberships).toHaveLength(groups);
    expect(emulator.counters()).toMatchObject({ methods: { CreateUserAndMembership: 500 }, failures: { CreateUserAndMembership: 450 } });
  });

  it('500 concurrent organization creates colliding on external_id: exactly one wins each', async () => {
    const emulator = await startTestEmulator();
    const sk = sdkFor(emulator);
    await sk.role.listRoles();
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => sk.organization.createOrganization(`Org ${i}`, { externalId: `tenant-${i % 25}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(25);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(475);
    expect(rejected.every((r) => r.reason instanceof ScalekitConflictException)).toBe(true);
    const externalIds = emulator.state().organizations.map((o) => o.external_id);
    expect(new Set(externalIds)).toEqual(new Set(Array.from({ length: 25 }, (_, i) => `tenant-${i}`)));
    expect(externalIds).toHaveLength(25);
  });
});
