import type { ScalekitManagementApi } from '../scalekit/management-api.js';
import type { Page, RemoteOrganization, RemoteRole, RemoteUser } from '../scalekit/remote.js';

/** What the environment holds, indexed the ways the planner, verify and rollback look things up. */
export interface Snapshot {
  permissions: Set<string>;
  roles: Map<string, RemoteRole>;
  organizationsByExternalId: Map<string, RemoteOrganization>;
  organizationsById: Map<string, RemoteOrganization>;
  usersByExternalId: Map<string, RemoteUser>;
  /** Keyed by the lower-cased email: Scalekit treats emails as unique across the environment. */
  usersByEmail: Map<string, RemoteUser>;
  usersById: Map<string, RemoteUser>;
}

export function buildSnapshot(
  roles: RemoteRole[],
  organizations: RemoteOrganization[],
  users: RemoteUser[],
  permissions: string[] = [],
): Snapshot {
  const snapshot: Snapshot = {
    permissions: new Set(permissions),
    roles: new Map(roles.map((role) => [role.name, role])),
    organizationsByExternalId: new Map(),
    organizationsById: new Map(),
    usersByExternalId: new Map(),
    usersByEmail: new Map(),
    usersById: new Map(),
  };
  for (const organization of organizations) addOrganization(snapshot, organization);
  for (const user of users) addUser(snapshot, user);
  return snapshot;
}

export function addOrganization(snapshot: Snapshot, organization: RemoteOrganization): void {
  snapshot.organizationsById.set(organization.id, organization);
  if (organization.externalId) snapshot.organizationsByExternalId.set(organization.externalId, organization);
}

export function addUser(snapshot: Snapshot, user: RemoteUser): void {
  snapshot.usersById.set(user.id, user);
  snapshot.usersByEmail.set(user.email.toLowerCase(), user);
  if (user.externalId) snapshot.usersByExternalId.set(user.externalId, user);
}

/** Runs one read call with the run's pacing and retries. */
export type ReadCall = <T>(send: () => Promise<T>) => Promise<T>;

export interface SnapshotProgress {
  (what: 'roles' | 'organizations' | 'users', listed: number): void;
}

/**
 * Reads permissions, roles, organizations and users by listing them page by page (100 per call): for an import
 * of N users that is about N/100 calls instead of one lookup per record.
 */
export async function takeSnapshot(api: ScalekitManagementApi, read: ReadCall, progress?: SnapshotProgress): Promise<Snapshot> {
  const permissions = await listAll((token) => read(() => api.listPermissions(token)), () => undefined);
  const roles = await read(() => api.listRoles());
  progress?.('roles', roles.length);
  const organizations = await listAll((token) => read(() => api.listOrganizations(token)), (count) => progress?.('organizations', count));
  const users = await listAll((token) => read(() => api.listUsers(token)), (count) => progress?.('users', count));
  return buildSnapshot(roles, organizations, users, permissions);
}

async function listAll<T>(page: (token: string) => Promise<Page<T>>, progress: (count: number) => void): Promise<T[]> {
  const items: T[] = [];
  const seenTokens = new Set<string>();
  let token = '';
  for (;;) {
    const result = await page(token);
    items.push(...result.items);
    progress(items.length);
    if (!result.nextPageToken) return items;
    if (seenTokens.has(result.nextPageToken)) throw new Error(`the list answered the page token "${result.nextPageToken}" twice`);
    seenTokens.add(result.nextPageToken);
    token = result.nextPageToken;
  }
}
