import { handOverUser } from '../normalize/plain-user.js';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserInputError } from '../../errors.js';
import type { ExportSource, SourceMembership, SourceSink } from '../model.js';
import type { PasswordHashInput } from '../normalize/password-hash.js';
import { isObject, parseJsonText, type Json } from './records.js';
import { scanObjects } from '../io/json-realms.js';
import { readTextChunks } from '../io/text-file.js';

/**
 * Keycloak: a realm export (`kc.sh export --realm R --users realm_file`, one JSON file), the
 * all-realms array (`kc.sh export --file` without --realm), or the folder of a directory export
 * (`R-realm.json` plus `R-users-N.json` pages). Files are streamed: users are read one at a time.
 * Users get their realm roles, the roles of their groups (and of the groups above them) and
 * everything those roles include as composites. Realm roles become roles; organizations (Keycloak 26+) or, when
 * asked, top-level groups become organizations, each membership carrying the user's realm roles.
 * Password credentials are recorded with their algorithm, iterations and salt. Identity-provider accounts linked to a
 * user (`federatedIdentities`) go to its merged_ids.
 */
export function keycloakSource(path: string, options: { groupsAsOrganizations: boolean }): ExportSource {
  let files: { realm: string; users: string[] };
  try {
    files = statSync(path).isDirectory() ? directoryFiles(path) : { realm: path, users: [] };
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError(`cannot read ${path}: no such file or folder`);
  }
  return {
    kind: 'keycloak',
    ref: basename(path),
    async read(sink) {
      // Pass one: every realm's settings, roles, groups and organizations, users skipped.
      const realms: Json[] = [];
      await scanObjects(readTextChunks(files.realm), files.realm, {
        streamKey: 'users',
        keepOthers: true,
        member(index, key, value) {
          (realms[index] ??= {})[key] = value;
        },
      });
      const contexts = realms.map((realm, index) => realmContext(realm, realms.length > 1 ? index : undefined, files.realm, sink, options));
      const byName = new Map(realms.map((realm, index) => [String(realm.realm ?? ''), contexts[index]!]));
      let n = 0;
      const takeAll = (file: string, contextOf: (index: number) => UserContext | undefined) => (index: number, text: string, line: number, element: number): void | Promise<void> => {
        const ref = `${basename(file)}${realms.length > 1 ? ` realm[${index}]` : ''} users[${element}]`;
        const context = contextOf(index);
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch {
          return sink.unreadable(ref, 'invalid JSON', { line, bytes: text.length });
        }
        if (!context) return sink.unreadable(ref, 'user of a realm the export does not hold', { line });
        takeUser(record, ref, sink, context);
        if (++n % 5000 === 0) return sink.checkpoint();
      };
      // Pass two: the users, streamed one at a time, from the realm file and then the user pages.
      await scanObjects(readTextChunks(files.realm), files.realm, { streamKey: 'users', keepOthers: false, element: takeAll(files.realm, (index) => contexts[index]) });
      for (const file of files.users) {
        let pageRealm: string | undefined;
        await scanObjects(readTextChunks(file), file, {
          streamKey: 'users',
          keepOthers: true,
          member(_index, key, value) {
            if (key === 'realm' && typeof value === 'string') pageRealm = value;
          },
          element: takeAll(file, () => (pageRealm !== undefined ? byName.get(pageRealm) : undefined) ?? contexts[0]),
        });
      }
    },
  };
}

/** What a realm gives its users: organizations, groups and roles with what they inherit. */
function realmContext(realm: Json, index: number | undefined, file: string, sink: SourceSink, options: { groupsAsOrganizations: boolean }): UserContext {
  const where = `${basename(file)}${index !== undefined ? ` realm[${index}]` : ''}`;
  const builtIn = new Set(['offline_access', 'uma_authorization', `default-roles-${String(realm.realm ?? '').toLowerCase()}`]);
  const roles = isObject(realm.roles) && Array.isArray(realm.roles.realm) ? realm.roles.realm : [];
  const composites = new Map<string, string[]>();
  roles.forEach((role: unknown, i: number) => {
    if (!isObject(role) || typeof role.name !== 'string') return sink.role({ sourceRef: `${where} roles.realm[${i}]`, record: role, name: undefined });
    if (role.composite === true && isObject(role.composites) && Array.isArray(role.composites.realm)) {
      composites.set(role.name, role.composites.realm.filter((name): name is string => typeof name === 'string'));
    }
    if (builtIn.has(role.name)) return;
    sink.role({ sourceRef: `${where} roles.realm[${i}]`, record: role, name: role.name, description: role.description });
  });
  const orgsByMember = readOrganizations(realm, where, sink);
  const groups = options.groupsAsOrganizations ? readTopLevelGroups(realm, where, sink) : new Map<string, Json>();
  return { builtIn, orgsByMember, groups, groupRoles: groupRoles(realm), composites };
}

/** Group path -> realm roles of the group and of every group above it (Keycloak members inherit both). */
function groupRoles(realm: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (list: unknown, parentPath: string, inherited: string[]) => {
    if (!Array.isArray(list)) return;
    for (const group of list) {
      if (!isObject(group) || typeof group.name !== 'string') continue;
      const path = typeof group.path === 'string' ? group.path : `${parentPath}/${group.name}`;
      const own = Array.isArray(group.realmRoles) ? group.realmRoles.filter((name): name is string => typeof name === 'string') : [];
      const roles = [...new Set([...inherited, ...own])];
      out.set(path, roles);
      walk(group.subGroups, path, roles);
    }
  };
  walk(realm.groups, '', []);
  return out;
}

/** A role and every role its composites include, transitively. */
function expandRoles(names: string[], composites: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const stack = [...names];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(composites.get(name) ?? []));
  }
  return [...seen];
}

interface UserContext {
  builtIn: Set<string>;
  /** Member id, username or email -> organization ids. */
  orgsByMember: Map<string, string[]>;
  /** Top-level group path ("/acme") -> group. */
  groups: Map<string, Json>;
  /** Group path -> realm roles members get through it. */
  groupRoles: Map<string, string[]>;
  /** Composite role -> the roles it includes. */
  composites: Map<string, string[]>;
}

function takeUser(record: unknown, ref: string, sink: SourceSink, context: UserContext): void {
  if (!isObject(record)) return sink.unreadable(ref, 'record is not an object', record);
  const granted: string[] = [];
  if (Array.isArray(record.realmRoles)) for (const role of record.realmRoles) if (typeof role === 'string') granted.push(role);
  if (Array.isArray(record.groups)) {
    for (const path of record.groups) {
      const roles = typeof path === 'string' ? context.groupRoles.get(path) : undefined;
      if (roles) for (const role of roles) granted.push(role);
    }
  }
  const realmRoles = expandRoles(granted, context.composites).filter((role) => !context.builtIn.has(role)).sort();
  const memberships: SourceMembership[] = [];
  const seen = new Set<string>();
  if (context.orgsByMember.size > 0) {
    for (const key of [record.id, record.username, record.email]) {
      if (typeof key !== 'string') continue;
      for (const org of context.orgsByMember.get(key) ?? []) {
        if (!seen.has(org)) memberships.push({ orgExternalId: org, roles: realmRoles });
        seen.add(org);
      }
    }
  }
  if (context.groups.size > 0 && Array.isArray(record.groups)) {
    for (const path of record.groups) {
      const top = typeof path === 'string' ? `/${path.split('/').filter(Boolean)[0] ?? ''}` : '';
      const group = context.groups.get(top);
      if (group && !seen.has(String(group.id))) {
        memberships.push({ orgExternalId: group.id, orgDisplayName: group.name, roles: realmRoles });
        seen.add(String(group.id));
      }
    }
  }
  handOverUser(sink, {
    sourceRef: ref,
    record,
    // Realm import files (and hand-written ones) often leave ids out for Keycloak to assign: the username is the realm's key.
    externalId: record.id ?? record.username,
    notAPerson: typeof record.serviceAccountClientId === 'string' ? "a client's service account, not a person" : undefined,
    email: record.email,
    emailVerified: record.emailVerified,
    firstName: record.firstName,
    lastName: record.lastName,
    status: record.enabled === false ? 'inactive' : undefined,
    linkedIds: brokeredIdentities(record.federatedIdentities),
    memberships,
    rolesWithoutOrganization: realmRoles,
    metadata: isObject(record.attributes) ? attributeEntries(record.attributes) : undefined,
    passwordHash: passwordCredential(record.credentials),
  });
}

/** Keycloak attributes hold lists of values: a list of one becomes its value. */
function attributeEntries(attributes: Json): [string, unknown][] {
  const entries = Object.entries(attributes);
  for (const entry of entries) if (Array.isArray(entry[1]) && entry[1].length === 1) entry[1] = entry[1][0];
  return entries;
}

/** Identity-provider accounts linked to the user (`federatedIdentities`), as `<identityProvider alias>|<userId>`. */
function brokeredIdentities(identities: unknown): string[] {
  const ids: string[] = [];
  if (!Array.isArray(identities)) return ids;
  for (const identity of identities) {
    if (isObject(identity) && typeof identity.identityProvider === 'string' && typeof identity.userId === 'string' && identity.userId !== '') ids.push(`${identity.identityProvider}|${identity.userId}`);
  }
  return ids;
}

function passwordCredential(credentials: unknown): PasswordHashInput | undefined {
  if (!Array.isArray(credentials)) return undefined;
  const credential = credentials.find((entry) => isObject(entry) && entry.type === 'password') as Json | undefined;
  if (!credential) return undefined;
  // Keycloak 10 and older kept the hash on the credential itself (hashedSaltedValue, salt, hashIterations, algorithm).
  const legacy = typeof credential.hashedSaltedValue === 'string';
  const secret = legacy ? { value: credential.hashedSaltedValue, salt: credential.salt } : parseJsonText(credential.secretData);
  const data = legacy ? { algorithm: credential.algorithm, hashIterations: credential.hashIterations } : parseJsonText(credential.credentialData);
  if (!isObject(secret) || typeof secret.value !== 'string') return undefined;
  const algorithm = isObject(data) && typeof data.algorithm === 'string' ? data.algorithm : 'unknown';
  const params: Json = { keycloak_algorithm: algorithm, salt: secret.salt };
  if (isObject(data) && typeof data.hashIterations === 'number') params.iterations = data.hashIterations;
  if (isObject(data) && isObject(data.additionalParameters) && Object.keys(data.additionalParameters).length) params.additional = data.additionalParameters;
  const digest = /pbkdf2-(sha\d+)/.exec(algorithm)?.[1];
  if (digest) params.digest = digest;
  return {
    value: secret.value,
    algorithm: algorithm.startsWith('pbkdf2') ? 'pbkdf2' : algorithm.startsWith('argon2') ? 'argon2' : algorithm === 'bcrypt' ? 'bcrypt' : 'unknown',
    params,
  };
}

/** Keycloak 26 organizations with their members: organizations are written, members indexed by id, username and email. */
function readOrganizations(realm: Json, where: string, sink: SourceSink): Map<string, string[]> {
  const byMember = new Map<string, string[]>();
  const orgs = Array.isArray(realm.organizations) ? realm.organizations : [];
  orgs.forEach((org: unknown, i: number) => {
    const ref = `${where} organizations[${i}]`;
    if (!isObject(org)) return sink.organization({ sourceRef: ref, record: org, externalId: undefined });
    const { members, ...record } = org;
    sink.organization({
      sourceRef: ref,
      record,
      externalId: org.id,
      displayName: org.name,
      domains: Array.isArray(org.domains) ? org.domains.map((domain) => (isObject(domain) ? domain.name : domain)) : undefined,
      metadata: isObject(org.attributes) ? Object.entries(org.attributes).map(([key, value]): [string, unknown] => [key, Array.isArray(value) && value.length === 1 ? value[0] : value]) : undefined,
    });
    for (const member of Array.isArray(members) ? members : []) {
      for (const key of isObject(member) ? [member.id, member.username, member.email] : [member]) {
        if (typeof key !== 'string' || typeof org.id !== 'string') continue;
        const list = byMember.get(key) ?? [];
        if (!list.includes(org.id)) list.push(org.id);
        byMember.set(key, list);
      }
    }
  });
  return byMember;
}

function readTopLevelGroups(realm: Json, where: string, sink: SourceSink): Map<string, Json> {
  const groups = new Map<string, Json>();
  (Array.isArray(realm.groups) ? realm.groups : []).forEach((group: unknown, i: number) => {
    if (!isObject(group)) return;
    const path = typeof group.path === 'string' ? group.path : `/${String(group.name)}`;
    groups.set(path, group);
    const { subGroups: _sub, ...record } = group;
    sink.organization({ sourceRef: `${where} groups[${i}]`, record, externalId: group.id, displayName: group.name, metadata: undefined });
  });
  return groups;
}

function directoryFiles(dir: string): { realm: string; users: string[] } {
  const names = readdirSync(dir).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const realm = names.find((name) => name.endsWith('-realm.json'));
  if (!realm) throw new UserInputError(`${dir} is not a Keycloak directory export: no <realm>-realm.json in it`);
  return { realm: join(dir, realm), users: names.filter((name) => /-users-\d+\.json$/.test(name)).map((name) => join(dir, name)) };
}
