import type { UserStatus } from '../package/records.js';
import type { OrgReference } from './normalize/user.js';
import type { RoleSpelling } from './normalize/role-name.js';
import type { PreparedUser } from './prepare-user.js';

/**
 * The usual prepared user (no reject, nothing to report) travels between threads as fields of one
 * string: copying one string costs a fraction of cloning thousands of small objects. Fields are
 * separated by SEP; NONE stands for a missing value. Anything else travels as a cloned object.
 */
const SEP = '\u0001';
const NONE = '\u0002';
const UNSAFE = /[\u0001\u0002]/;

/** Packed records in the order read, one string per batch. */
export class PackedBatch {
  text = '';

  /** Appends `prepared` and returns true, or returns false when it must be cloned. */
  user(prepared: PreparedUser): boolean {
    const user = prepared.user;
    if (!user || prepared.reject || prepared.lateReject || prepared.emailChanged || prepared.overflow || prepared.firebaseHashWithoutParameters || prepared.droppedRoles) return false;
    const orgs = prepared.orgs ?? [];
    const roles = prepared.roles ?? [];
    if (UNSAFE.test(prepared.sourceRef) || UNSAFE.test(user.email) || UNSAFE.test(user.external_id)) return false;
    let text = `u${SEP}${prepared.sourceRef}${SEP}${prepared.rank}${SEP}${user.email}${SEP}${user.external_id}${SEP}${user.memberships}${SEP}${user.status ?? NONE}${SEP}${user.algorithm ?? NONE}${SEP}${user.hashLine ?? NONE}${SEP}${user.line}`;
    const assigned = prepared.assignedOrg;
    if (assigned && (UNSAFE.test(assigned.externalId) || UNSAFE.test(assigned.displayName ?? ''))) return false;
    text += `${SEP}${assigned?.externalId ?? NONE}${SEP}${assigned?.displayName ?? NONE}${SEP}${orgs.length}`;
    for (const org of orgs) {
      if (UNSAFE.test(org.externalId) || UNSAFE.test(org.displayName ?? '')) return false;
      text += `${SEP}${org.externalId}${SEP}${org.displayName ?? NONE}`;
    }
    text += `${SEP}${roles.length}`;
    for (const role of roles) {
      if (UNSAFE.test(role.name) || UNSAFE.test(role.legacy)) return false;
      text += `${SEP}${role.name}${SEP}${role.legacy}`;
    }
    this.text += this.text === '' ? text : SEP + text;
    return true;
  }

  /** Marks the place of a cloned item among the packed ones. */
  cloned(): void {
    this.text += this.text === '' ? 'i' : `${SEP}i`;
  }
}

/** Calls `user` for each packed user and `cloned` for each cloned item, in their order. */
export function unpack(text: string, user: (prepared: PreparedUser) => void, cloned: () => void): void {
  if (text === '') return;
  const f = text.split(SEP);
  const opt = (value: string) => (value === NONE ? undefined : value);
  let at = 0;
  while (at < f.length) {
    if (f[at++] === 'i') {
      cloned();
      continue;
    }
    const sourceRef = f[at++]!;
    const rank = Number(f[at++]);
    const email = f[at++]!;
    const external_id = f[at++]!;
    const memberships = Number(f[at++]);
    const status = opt(f[at++]!) as UserStatus | undefined;
    const algorithm = opt(f[at++]!);
    const hashLine = opt(f[at++]!);
    const line = f[at++]!;
    const assignedId = opt(f[at++]!);
    const assignedName = opt(f[at++]!);
    const prepared: PreparedUser = { sourceRef, rank, user: { external_id, email, line, memberships, status, algorithm, hashLine } };
    if (assignedId !== undefined) prepared.assignedOrg = { externalId: assignedId, displayName: assignedName };
    const orgCount = Number(f[at++]);
    if (orgCount > 0) {
      const orgs: OrgReference[] = [];
      for (let i = 0; i < orgCount; i += 1, at += 2) orgs.push({ externalId: f[at]!, displayName: opt(f[at + 1]!) });
      prepared.orgs = orgs;
    }
    const roleCount = Number(f[at++]);
    if (roleCount > 0) {
      const roles: RoleSpelling[] = [];
      for (let i = 0; i < roleCount; i += 1, at += 2) roles.push({ name: f[at]!, legacy: f[at + 1]! });
      prepared.roles = roles;
    }
    user(prepared);
  }
}
