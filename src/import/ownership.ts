import type { JournalHistory, JournalOp } from './journal-read.js';

export interface OwnedMembership {
  user: string;
  org: string;
  userExternalId?: string;
  orgExternalId?: string;
}

/** What this package's journal created and has not deleted since: the only things a rollback may delete. */
export interface Owned {
  permissions: Set<string>;
  roles: Set<string>;
  /** organization id -> external_id */
  organizations: Map<string, string | undefined>;
  /** user id -> external_id */
  users: Map<string, string | undefined>;
  /** Memberships added to users this journal did not create, keyed "user|org". */
  memberships: Map<string, OwnedMembership>;
  /** Updates this journal made to entities it did not create: a rollback does not revert them. */
  updatesToOthers: number;
}

/**
 * Replays the journal in order: a create that is done adds, a delete that is done removes.
 * Intents still without an outcome must be re-checked first (recheckInFlight); they count as not created.
 */
export function ownedByJournal(history: JournalHistory): Owned {
  const replay = new OwnershipReplay();
  for (const op of history.ops) replay.add(op);
  return replay.result();
}

/**
 * The same replay fed one call at a time, so a rollback can build it while it reads the journal
 * instead of holding every call of a million-user import (see readJournal's `dropped`).
 */
export class OwnershipReplay {
  private readonly owned: Owned = { permissions: new Set(), roles: new Set(), organizations: new Map(), users: new Map(), memberships: new Map(), updatesToOthers: 0 };
  private readonly updated = new Set<string>();
  private readonly everCreated = new Set<string>();

  add(op: JournalOp): void {
    const { owned, updated, everCreated } = this;
    if (op.outcome !== 'done') return;
    // A rollback's updates are restores of what an import overwrote, not imports of their own.
    if (op.command === 'rollback' && op.action.endsWith('.update')) return;
    const target = op.target;
    switch (op.action) {
      case 'permission.create':
        owned.permissions.add(target.permission!);
        break;
      case 'permission.delete':
        owned.permissions.delete(target.permission!);
        break;
      case 'role.create':
        owned.roles.add(target.role!);
        everCreated.add(`role|${target.role}`);
        break;
      case 'role.delete':
        owned.roles.delete(target.role!);
        break;
      case 'org.create':
        if (op.id) owned.organizations.set(op.id, target.orgExternalId);
        everCreated.add(`org|${op.id}`);
        break;
      case 'org.delete':
        owned.organizations.delete(target.org!);
        break;
      case 'user.create':
        if (op.id) owned.users.set(op.id, target.userExternalId);
        everCreated.add(`user|${op.id}`);
        break;
      case 'user.delete':
        owned.users.delete(target.user!);
        for (const [key, membership] of owned.memberships) if (membership.user === target.user) owned.memberships.delete(key);
        break;
      case 'membership.create':
        everCreated.add(`membership|${target.user}|${target.org}`);
        if (!owned.users.has(target.user!)) {
          owned.memberships.set(`${target.user}|${target.org}`, {
            user: target.user!,
            org: target.org!,
            userExternalId: target.userExternalId,
            orgExternalId: target.orgExternalId,
          });
        }
        break;
      case 'membership.delete':
        owned.memberships.delete(`${target.user}|${target.org}`);
        break;
      case 'role.update':
        updated.add(`role|${target.role}`);
        break;
      case 'org.update':
        updated.add(`org|${target.org}`);
        break;
      case 'user.update':
        updated.add(`user|${target.user}`);
        break;
      case 'membership.update':
        updated.add(`membership|${target.user}|${target.org}`);
        break;
    }
  }

  result(): Owned {
    for (const key of this.updated) {
      const [kind, id] = key.split('|');
      const createdHere = this.everCreated.has(key) || (kind === 'membership' && this.everCreated.has(`user|${id}`));
      if (!createdHere) this.owned.updatesToOthers += 1;
    }
    this.updated.clear();
    return this.owned;
  }
}
