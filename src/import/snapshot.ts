import type { ScalekitManagementApi } from '../scalekit/management-api.js';
import type { Page, RemoteOrganization, RemoteRole, RemoteUser } from '../scalekit/remote.js';
import { RemoteUserIndex, type UserLookup } from './remote-user-index.js';
import { WorkDb } from './work-db.js';

/** What the environment holds, indexed the ways the planner, verify and rollback look things up. */
export interface Snapshot {
  permissions: Set<string>;
  roles: Map<string, RemoteRole>;
  organizationsByExternalId: Map<string, RemoteOrganization>;
  organizationsById: Map<string, RemoteOrganization>;
  usersByExternalId: UserLookup;
  /** Keyed by the lower-cased email: Scalekit treats emails as unique across the environment. */
  usersByEmail: UserLookup;
  usersById: UserLookup;
  /** Where the users are kept (on disk, in the run's scratch database); `addUser` adds to it. */
  users: RemoteUserIndex;
}

export function buildSnapshot(
  roles: RemoteRole[],
  organizations: RemoteOrganization[],
  users: RemoteUser[],
  permissions: string[] = [],
  /** The run's scratch database; without one (a plan computed in a test), an in-memory one. */
  work: WorkDb = WorkDb.open(),
): Snapshot {
  const index = new RemoteUserIndex(work);
  const snapshot: Snapshot = {
    permissions: new Set(permissions),
    roles: new Map(roles.map((role) => [role.name, role])),
    organizationsByExternalId: new Map(),
    organizationsById: new Map(),
    usersByExternalId: index.byExternalId,
    usersByEmail: index.byEmail,
    usersById: index.byId,
    users: index,
  };
  for (const organization of organizations) addOrganization(snapshot, organization);
  index.add(users);
  return snapshot;
}

export function addOrganization(snapshot: Snapshot, organization: RemoteOrganization): void {
  snapshot.organizationsById.set(organization.id, organization);
  if (organization.externalId) snapshot.organizationsByExternalId.set(organization.externalId, organization);
}

export function addUser(snapshot: Snapshot, user: RemoteUser): void {
  snapshot.users.add([user]);
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
export async function takeSnapshot(api: ScalekitManagementApi, read: ReadCall, work: WorkDb, progress?: SnapshotProgress): Promise<Snapshot> {
  const permissions = await listAll((token) => read(() => api.listPermissions(token)), () => undefined);
  const roles = await read(() => api.listRoles());
  progress?.('roles', roles.length);
  const organizations = await listAll((token) => read(() => api.listOrganizations(token)), (count) => progress?.('organizations', count));
  const snapshot = buildSnapshot(roles, organizations, [], permissions, work);
  // Users go into the on-disk index a page at a time: the listing is never held in memory.
  await listAll(
    (token) => read(() => api.listUsers(token)),
    (count) => progress?.('users', count),
    (page) => snapshot.users.add(page),
  );
  return snapshot;
}

/** Lists every page; with `each`, items are handed over page by page and not kept. */
async function listAll<T>(page: (token: string) => Promise<Page<T>>, progress: (count: number) => void, each?: (items: T[]) => void): Promise<T[]> {
  const items: T[] = [];
  let listed = 0;
  const seenTokens = new Set<string>();
  let token = '';
  for (;;) {
    const result = await page(token);
    if (each) each(result.items);
    else items.push(...result.items);
    listed += result.items.length;
    progress(listed);
    if (!result.nextPageToken) return items;
    if (seenTokens.has(result.nextPageToken)) throw new Error(`the list answered the page token "${result.nextPageToken}" twice`);
    seenTokens.add(result.nextPageToken);
    token = result.nextPageToken;
  }
}
