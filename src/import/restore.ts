import { sameSet } from './compare.js';
import type { JournalAction, JournalTarget, UpdateValues } from './journal-format.js';
import type { JournalHistory, JournalOp } from './journal-read.js';
import type { Owned } from './ownership.js';
import type { Session } from './session.js';
import type { Snapshot } from './snapshot.js';

export type RestoreEntity = 'roles' | 'organizations' | 'users' | 'memberships';

/** One pre-existing entity whose fields an import overwrote, and the update that puts them back. */
export interface Restoration {
  entity: RestoreEntity;
  id: string;
  key?: string;
  action: JournalAction;
  target: JournalTarget;
  /** Names of the fields (and metadata keys, as metadata.KEY) put back. */
  fields: string[];
  previous: UpdateValues;
  restored: UpdateValues;
  send(session: Session): Promise<unknown>;
}

export interface RestoreBlock {
  entity: RestoreEntity;
  id: string;
  key?: string;
  code: 'changed-since-import' | 'cannot-clear-field';
  detail: string;
}

interface Touched {
  entity: RestoreEntity;
  action: JournalAction;
  target: JournalTarget;
  /** Per field: the value before the first import update, and the value the last one set. */
  before: UpdateValues;
  after: UpdateValues;
  /** Per metadata key, the same (undefined: the key was absent). */
  metadataBefore: Map<string, string | undefined>;
  metadataAfter: Map<string, string | undefined>;
}

/**
 * What a rollback puts back on entities the imports did not create: replays the journal's updates
 * in order (each import update's `previous` is the value before it, `sent` what it set; a
 * rollback's update is a restore, after which nothing is owed) and compares with Scalekit now:
 * - a field still holding what the import set goes back to its value before the first import update;
 * - a field already back at that value needs nothing;
 * - a field someone changed since is left and reported (`force` restores it anyway);
 * - a field that would have to become empty is reported: the API cannot clear a field by update.
 * Entities the journal created are not restored: the rollback deletes them.
 */
export function planRestorations(history: JournalHistory, owned: Owned, snapshot: Snapshot, force: boolean, block: (entry: RestoreBlock) => void): Restoration[] {
  const touched = new Map<string, Touched>();
  for (const op of history.ops) {
    const identity = entityOf(op);
    if (!identity) continue;
    if (op.command === 'rollback') {
      if (op.outcome === 'done') touched.delete(identity.key);
      continue;
    }
    if (!op.previous || !op.sent) continue;
    const entry = touched.get(identity.key) ?? {
      entity: identity.entity,
      action: op.action,
      target: op.target,
      before: {},
      after: {},
      metadataBefore: new Map(),
      metadataAfter: new Map(),
    };
    mergeFields(entry, op.previous, op.sent);
    touched.set(identity.key, entry);
  }
  const restorations: Restoration[] = [];
  for (const entry of touched.values()) {
    const restoration = restore(entry, owned, snapshot, force, block);
    if (restoration) restorations.push(restoration);
  }
  return restorations;
}

function entityOf(op: JournalOp): { entity: RestoreEntity; key: string } | undefined {
  switch (op.action) {
    case 'role.update':
      return { entity: 'roles', key: `role|${op.target.role}` };
    case 'org.update':
      return { entity: 'organizations', key: `org|${op.target.org}` };
    case 'user.update':
      return { entity: 'users', key: `user|${op.target.user}` };
    case 'membership.update':
      return { entity: 'memberships', key: `membership|${op.target.user}|${op.target.org}` };
    default:
      return undefined;
  }
}

/** The first previous value of each field is kept; the last sent value wins. Metadata per key. */
function mergeFields(entry: Touched, previous: UpdateValues, sent: UpdateValues): void {
  for (const field of ['displayName', 'description', 'givenName', 'familyName'] as const) {
    if (sent[field] === undefined) continue;
    if (!(field in entry.before)) entry.before[field] = previous[field] ?? '';
    entry.after[field] = sent[field];
  }
  for (const field of ['permissions', 'roles'] as const) {
    if (sent[field] === undefined) continue;
    if (!(field in entry.before)) entry.before[field] = previous[field] ?? [];
    entry.after[field] = sent[field];
  }
  if (sent.metadata) {
    for (const key of new Set([...Object.keys(sent.metadata), ...Object.keys(previous.metadata ?? {})])) {
      if (!entry.metadataBefore.has(key)) entry.metadataBefore.set(key, previous.metadata?.[key]);
      entry.metadataAfter.set(key, sent.metadata[key]);
    }
  }
}

interface Current {
  id: string;
  key?: string;
  values: UpdateValues;
  send(values: UpdateValues): (session: Session) => Promise<unknown>;
}

function currentOf(entry: Touched, owned: Owned, snapshot: Snapshot): Current | undefined {
  const { target } = entry;
  switch (entry.entity) {
    case 'roles': {
      if (owned.roles.has(target.role!)) return undefined;
      const role = snapshot.roles.get(target.role!);
      if (!role) return undefined;
      return {
        id: role.name,
        key: role.name,
        values: { displayName: role.displayName, description: role.description, permissions: role.permissions },
        send: (values) => (session) => session.api.updateRole(role.name, { displayName: values.displayName!, description: values.description, permissions: values.permissions }),
      };
    }
    case 'organizations': {
      if (owned.organizations.has(target.org!)) return undefined;
      const organization = snapshot.organizationsById.get(target.org!);
      if (!organization) return undefined;
      return {
        id: organization.id,
        key: organization.externalId,
        values: { displayName: organization.displayName, metadata: organization.metadata },
        send: (values) => (session) => session.api.updateOrganization(organization.id, { displayName: values.displayName!, metadata: values.metadata! }),
      };
    }
    case 'users': {
      if (owned.users.has(target.user!)) return undefined;
      const user = snapshot.usersById.get(target.user!);
      if (!user) return undefined;
      return {
        id: user.id,
        key: user.externalId,
        values: { givenName: user.givenName, familyName: user.familyName, metadata: user.metadata },
        send: (values) => (session) => session.api.updateUser(user.id, { givenName: values.givenName, familyName: values.familyName, metadata: values.metadata }),
      };
    }
    case 'memberships': {
      if (owned.users.has(target.user!) || owned.memberships.has(`${target.user}|${target.org}`)) return undefined;
      const user = snapshot.usersById.get(target.user!);
      const membership = user?.memberships.find((candidate) => candidate.organizationId === target.org);
      if (!user || !membership) return undefined;
      return {
        id: `${user.id}@${membership.organizationId}`,
        key: target.userExternalId && target.orgExternalId ? `${target.userExternalId}@${target.orgExternalId}` : undefined,
        values: { roles: membership.roles },
        send: (values) => (session) => session.api.updateMembership(membership.organizationId, user.id, { roles: values.roles!, metadata: membership.metadata }),
      };
    }
  }
}

function restore(entry: Touched, owned: Owned, snapshot: Snapshot, force: boolean, block: (entry: RestoreBlock) => void): Restoration | undefined {
  const current = currentOf(entry, owned, snapshot);
  if (!current) return undefined;
  const restored: UpdateValues = structuredClone(current.values);
  const fields: string[] = [];
  const changedSince: string[] = [];
  const cannotClear: string[] = [];
  const decide = (name: string, now: unknown, importSet: unknown, before: unknown, equal: (a: unknown, b: unknown) => boolean, put: () => void, clearable = false) => {
    if (equal(now, before)) return;
    if (!equal(now, importSet) && !force) {
      changedSince.push(name);
      return;
    }
    if (!clearable && isEmpty(before)) {
      cannotClear.push(name);
      return;
    }
    fields.push(name);
    put();
  };
  for (const field of ['displayName', 'description', 'givenName', 'familyName'] as const) {
    if (!(field in entry.before)) continue;
    decide(field, current.values[field] ?? '', entry.after[field], entry.before[field], (a, b) => (a ?? '') === (b ?? ''), () => (restored[field] = entry.before[field]));
  }
  for (const field of ['permissions', 'roles'] as const) {
    if (!(field in entry.before)) continue;
    decide(field, current.values[field] ?? [], entry.after[field] ?? [], entry.before[field], (a, b) => sameSet(a as string[], b as string[]), () => (restored[field] = entry.before[field]));
  }
  if (entry.metadataBefore.size) {
    const now = current.values.metadata ?? {};
    restored.metadata ??= {};
    for (const [key, before] of entry.metadataBefore) {
      const importSet = entry.metadataAfter.get(key);
      if (importSet === before) continue;
      const put = () => {
        if (before === undefined) delete restored.metadata![key];
        else restored.metadata![key] = before;
      };
      decide(`metadata.${key}`, now[key], importSet, before, (a, b) => a === b, put, true);
    }
    // Removing keys is done by sending the whole map; an empty map would be read as "no change".
    if (fields.some((field) => field.startsWith('metadata.')) && Object.keys(restored.metadata ?? {}).length === 0) {
      cannotClear.push('metadata');
      for (let index = fields.length - 1; index >= 0; index -= 1) if (fields[index]!.startsWith('metadata.')) fields.splice(index, 1);
      restored.metadata = current.values.metadata;
    }
  }
  if (changedSince.length) {
    block({
      entity: entry.entity,
      id: current.id,
      ...(current.key ? { key: current.key } : {}),
      code: 'changed-since-import',
      detail: `${changedSince.join(', ')} of ${current.id} changed since the import set them; left as they are (force to put back the values from before the import)`,
    });
  }
  if (cannotClear.length) {
    block({
      entity: entry.entity,
      id: current.id,
      ...(current.key ? { key: current.key } : {}),
      code: 'cannot-clear-field',
      detail: `${cannotClear.join(', ')} of ${current.id} was empty before the import; the API cannot empty a field by update, so it keeps the imported value`,
    });
  }
  if (!fields.length) return undefined;
  return {
    entity: entry.entity,
    id: current.id,
    ...(current.key ? { key: current.key } : {}),
    action: entry.action,
    target: entry.target,
    fields,
    previous: current.values,
    restored,
    send: current.send(restored),
  };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Applies planned restorations to the snapshot, so the deletions planned next see roles and permissions as they will be. */
export function applyToSnapshot(restorations: Restoration[], snapshot: Snapshot): void {
  for (const restoration of restorations) {
    if (restoration.entity === 'roles') {
      const role = snapshot.roles.get(restoration.id);
      if (role && restoration.restored.permissions) role.permissions = restoration.restored.permissions;
    }
    if (restoration.entity === 'memberships') {
      const user = snapshot.usersById.get(restoration.target.user!);
      const membership = user?.memberships.find((candidate) => candidate.organizationId === restoration.target.org);
      if (user && membership && restoration.restored.roles) {
        membership.roles = restoration.restored.roles;
        // The index hands out copies: the restored roles are written back.
        snapshot.users.add([user]);
      }
    }
  }
}
