import type { MembershipRecord, MembershipStatusName, ProfileRecord, UserRecord } from './records.js';
import { encodedUsersInMemory, type EncodedUsers } from './users-on-disk.js';

type EncodedMembership = [string, string[], MembershipStatusName, Record<string, string> | 0, string | 0, number, number | 0, number | 0];
type EncodedProfile = [string, string, string | 0, string, string, string, string, string, Record<string, string> | 0];
type EncodedUser = [string, string | 0, 0 | 1, EncodedProfile, Record<string, string>, number, number, number | 0, EncodedMembership[]];

/** Users recently handed out as objects; each is encoded again when it leaves, with whatever was changed on it. */
const HOT_USERS = 4096;

/**
 * The environment's users by id, each kept as one compact JSON string (about a third of the memory of the
 * objects with their profile, metadata and membership maps: a million users fit in well under 1 GB).
 * `get` hands out a live object: the most recent ones stay objects, so a call that reads a user and then
 * changes it (or a loop that changes every user) changes the stored user, written back when it leaves.
 */
export class UserTable {
  private readonly hot = new Map<string, UserRecord>();

  constructor(private readonly encoded: EncodedUsers = encodedUsersInMemory()) {}

  /** Releases the storage of a table kept on disk (removes its file); a table in memory stays readable after a stop. */
  close(): void {
    this.encoded.close();
  }

  get size(): number {
    return this.encoded.size;
  }

  has(id: string): boolean {
    return this.encoded.has(id);
  }

  get(id: string): UserRecord | undefined {
    const hot = this.hot.get(id);
    if (hot) {
      this.hot.delete(id);
      this.hot.set(id, hot);
      return hot;
    }
    const text = this.encoded.get(id);
    if (text === undefined) return undefined;
    const user = decodeUser(id, text);
    this.keepHot(user);
    return user;
  }

  set(id: string, user: UserRecord): this {
    this.encoded.set(id, encodeUser(user));
    this.hot.delete(id);
    this.keepHot(user);
    return this;
  }

  delete(id: string): boolean {
    this.hot.delete(id);
    return this.encoded.delete(id);
  }

  *values(): IterableIterator<UserRecord> {
    for (const id of this.encoded.keys()) {
      const user = this.get(id);
      if (user) yield user;
    }
  }

  private keepHot(user: UserRecord): void {
    this.hot.set(user.id, user);
    if (this.hot.size <= HOT_USERS) return;
    const [oldestId, oldest] = this.hot.entries().next().value as [string, UserRecord];
    this.hot.delete(oldestId);
    if (this.encoded.has(oldestId)) this.encoded.set(oldestId, encodeUser(oldest));
  }
}

const derivedName = (p: ProfileRecord) => [p.givenName, p.familyName].filter(Boolean).join(' ');
const hasKeys = (value: Record<string, string>) => Object.keys(value).length > 0;

export function encodeUser(user: UserRecord): string {
  const p = user.profile;
  const profile: EncodedProfile = [
    p.givenName,
    p.familyName,
    p.name === derivedName(p) ? 0 : p.name,
    p.locale,
    p.phoneNumber,
    p.preferredUsername,
    p.picture,
    p.gender,
    hasKeys(p.customAttributes) ? p.customAttributes : 0,
  ];
  const memberships = [...user.memberships.values()].map(
    (m): EncodedMembership => [
      m.organizationId,
      m.roles,
      m.status,
      hasKeys(m.metadata) ? m.metadata : 0,
      m.inviterEmail ?? 0,
      m.createdAt - user.createTime,
      m.acceptedAt === undefined ? 0 : m.acceptedAt - m.createdAt + 1,
      m.expiresAt === undefined ? 0 : m.expiresAt - m.createdAt + 1,
    ],
  );
  // Times are kept relative to the user's creation (mostly 0): a third of the size of epoch milliseconds.
  const value: EncodedUser = [
    user.email,
    user.externalId ?? 0,
    user.emailVerified ? 1 : 0,
    profile,
    user.metadata,
    user.createTime,
    user.updateTime - user.createTime,
    user.lastLoginTime ?? 0,
    memberships,
  ];
  return JSON.stringify(value);
}

export function decodeUser(id: string, text: string): UserRecord {
  const [email, externalId, verified, p, metadata, createTime, updateTime, lastLoginTime, memberships] = JSON.parse(text) as EncodedUser;
  const profile: ProfileRecord = {
    givenName: p[0],
    familyName: p[1],
    name: '',
    locale: p[3],
    phoneNumber: p[4],
    preferredUsername: p[5],
    picture: p[6],
    gender: p[7],
    customAttributes: p[8] === 0 ? {} : p[8],
  };
  profile.name = p[2] === 0 ? derivedName(profile) : p[2];
  const user: UserRecord = {
    id,
    email,
    externalId: externalId === 0 ? undefined : externalId,
    emailVerified: verified === 1,
    profile,
    metadata,
    createTime,
    updateTime: createTime + updateTime,
    lastLoginTime: lastLoginTime === 0 ? undefined : lastLoginTime,
    memberships: new Map(),
  };
  for (const [organizationId, roles, status, membershipMetadata, inviterEmail, created, accepted, expires] of memberships) {
    const createdAt = createTime + created;
    const membership: MembershipRecord = {
      organizationId,
      userId: id,
      roles,
      status,
      metadata: membershipMetadata === 0 ? {} : membershipMetadata,
      inviterEmail: inviterEmail === 0 ? undefined : inviterEmail,
      createdAt,
      acceptedAt: accepted === 0 ? undefined : createdAt + accepted - 1,
      expiresAt: expires === 0 ? undefined : createdAt + expires - 1,
    };
    user.memberships.set(organizationId, membership);
  }
  return user;
}
