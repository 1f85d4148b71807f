import type { MembershipStatusName, RemoteUser } from '../scalekit/remote.js';

/** How the planner, verify and rollback look remote users up: a read-only map. */
export interface UserLookup {
  get(key: string): RemoteUser | undefined;
  has(key: string): boolean;
  values(): IterableIterator<RemoteUser>;
  readonly size: number;
}

type EncodedMembership = [string, string[], MembershipStatusName, 0 | 1, Record<string, string>];
type Encoded = [string, string, string | null, string, string, 0 | 1, Record<string, string>, EncodedMembership[]];

/**
 * The environment's users as one compact JSON string each (about half the memory of the objects and
 * their three maps), decoded on lookup. Keyed by id; external id and lower-cased email point to the id.
 */
export class RemoteUserIndex {
  private readonly encoded = new Map<string, string>();
  private readonly idByExternalId = new Map<string, string>();
  private readonly idByEmail = new Map<string, string>();

  readonly byId: UserLookup = this.lookup((key) => key);
  readonly byExternalId: UserLookup = this.lookup((key) => this.idByExternalId.get(key), () => this.idByExternalId.size);
  readonly byEmail: UserLookup = this.lookup((key) => this.idByEmail.get(key), () => this.idByEmail.size);

  add(user: RemoteUser): void {
    const memberships = user.memberships.map((m): EncodedMembership => [m.organizationId, m.roles, m.status, m.invited ? 1 : 0, m.metadata]);
    const value: Encoded = [user.id, user.email, user.externalId ?? null, user.givenName, user.familyName, user.emailVerified ? 1 : 0, user.metadata, memberships];
    this.encoded.set(user.id, JSON.stringify(value));
    this.idByEmail.set(user.email.toLowerCase(), user.id);
    if (user.externalId) this.idByExternalId.set(user.externalId, user.id);
  }

  private decode(id: string | undefined): RemoteUser | undefined {
    const text = id === undefined ? undefined : this.encoded.get(id);
    if (text === undefined) return undefined;
    const [userId, email, externalId, givenName, familyName, verified, metadata, memberships] = JSON.parse(text) as Encoded;
    return {
      id: userId,
      email,
      ...(externalId !== null ? { externalId } : {}),
      givenName,
      familyName,
      emailVerified: verified === 1,
      metadata,
      memberships: memberships.map(([organizationId, roles, status, invited, membershipMetadata]) => ({
        organizationId,
        roles,
        status,
        invited: invited === 1,
        metadata: membershipMetadata,
      })),
    };
  }

  private lookup(idOf: (key: string) => string | undefined, size: () => number = () => this.encoded.size): UserLookup {
    const index = this;
    return {
      get: (key) => index.decode(idOf(key)),
      has: (key) => {
        const id = idOf(key);
        return id !== undefined && index.encoded.has(id);
      },
      *values() {
        for (const id of index.encoded.keys()) yield index.decode(id)!;
      },
      get size() {
        return size();
      },
    };
  }
}
