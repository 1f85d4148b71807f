import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UserInputError } from '../../errors.js';
import type { ExportSource, SourceMembership, SourceSink } from '../model.js';
import type { PasswordHashInput } from '../normalize/password-hash.js';
import { isObject, parseJsonText, type Json } from './records.js';

/**
 * Keycloak: a realm export (`kc.sh export --realm R --users realm_file`, one JSON file), or the
 * folder of a directory export (`R-realm.json` plus `R-users-N.json` pages, Keycloak's advice
 * beyond a few hundred users). Realm roles become roles; organizations (Keycloak 26+) or, when
 * asked, top-level groups become organizations, each membership carrying the user's realm roles.
 * Password credentials are recorded with their algorithm, iterations and salt.
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
      const realm = readJson(files.realm);
      const builtIn = new Set(['offline_access', 'uma_authorization', `default-roles-${String(realm.realm ?? '').toLowerCase()}`]);
      const roles = isObject(realm.roles) && Array.isArray(realm.roles.realm) ? realm.roles.realm : [];
      roles.forEach((role: unknown, i: number) => {
        if (isObject(role) && typeof role.name === 'string' && builtIn.has(role.name)) return;
        sink.role({ sourceRef: `${basename(files.realm)} roles.realm[${i}]`, record: role, name: isObject(role) ? role.name : undefined, description: isObject(role) ? role.description : undefined });
      });
      const orgsByMember = readOrganizations(realm, files.realm, sink);
      const groups = options.groupsAsOrganizations ? readTopLevelGroups(realm, files.realm, sink) : new Map<string, Json>();
      const context: UserContext = { builtIn, orgsByMember, groups };
      let n = 0;
      const take = async (list: unknown, file: string) => {
        if (!Array.isArray(list)) return;
        for (let i = 0; i < list.length; i += 1) {
          takeUser(list[i], `${basename(file)} users[${i}]`, sink, context);
          if (++n % 5000 === 0) await sink.checkpoint();
        }
      };
      await take(realm.users, files.realm);
      for (const file of files.users) await take(readJson(file).users, file);
    },
  };
}

interface UserContext {
  builtIn: Set<string>;
  /** Member id, username or email -> organization ids. */
  orgsByMember: Map<string, string[]>;
  /** Top-level group path ("/acme") -> group. */
  groups: Map<string, Json>;
}

function takeUser(record: unknown, ref: string, sink: SourceSink, context: UserContext): void {
  if (!isObject(record)) return sink.unreadable(ref, 'record is not an object', record);
  const realmRoles = (Array.isArray(record.realmRoles) ? record.realmRoles : []).filter((role): role is string => typeof role === 'string' && !context.builtIn.has(role));
  const memberships: SourceMembership[] = [];
  const seen = new Set<string>();
  for (const key of [record.id, record.username, record.email]) {
    if (typeof key !== 'string') continue;
    for (const org of context.orgsByMember.get(key) ?? []) {
      if (!seen.has(org)) memberships.push({ orgExternalId: org, roles: realmRoles });
      seen.add(org);
    }
  }
  for (const path of Array.isArray(record.groups) ? record.groups : []) {
    const top = typeof path === 'string' ? `/${path.split('/').filter(Boolean)[0] ?? ''}` : '';
    const group = context.groups.get(top);
    if (group && !seen.has(String(group.id))) {
      memberships.push({ orgExternalId: group.id, orgDisplayName: group.name, roles: realmRoles });
      seen.add(String(group.id));
    }
  }
  sink.user({
    sourceRef: ref,
    record,
    externalId: record.id,
    email: record.email,
    emailVerified: record.emailVerified,
    firstName: record.firstName,
    lastName: record.lastName,
    status: record.enabled === false ? 'inactive' : undefined,
    memberships,
    metadata: isObject(record.attributes) ? Object.entries(record.attributes).map(([key, value]): [string, unknown] => [key, Array.isArray(value) && value.length === 1 ? value[0] : value]) : undefined,
    passwordHash: passwordCredential(record.credentials),
  });
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
function readOrganizations(realm: Json, file: string, sink: SourceSink): Map<string, string[]> {
  const byMember = new Map<string, string[]>();
  const orgs = Array.isArray(realm.organizations) ? realm.organizations : [];
  orgs.forEach((org: unknown, i: number) => {
    const ref = `${basename(file)} organizations[${i}]`;
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

function readTopLevelGroups(realm: Json, file: string, sink: SourceSink): Map<string, Json> {
  const groups = new Map<string, Json>();
  (Array.isArray(realm.groups) ? realm.groups : []).forEach((group: unknown, i: number) => {
    if (!isObject(group)) return;
    const path = typeof group.path === 'string' ? group.path : `/${String(group.name)}`;
    groups.set(path, group);
    const { subGroups: _sub, ...record } = group;
    sink.organization({ sourceRef: `${basename(file)} groups[${i}]`, record, externalId: group.id, displayName: group.name, metadata: undefined });
  });
  return groups;
}

function directoryFiles(dir: string): { realm: string; users: string[] } {
  const names = readdirSync(dir).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const realm = names.find((name) => name.endsWith('-realm.json'));
  if (!realm) throw new UserInputError(`${dir} is not a Keycloak directory export: no <realm>-realm.json in it`);
  return { realm: join(dir, realm), users: names.filter((name) => /-users-\d+\.json$/.test(name)).map((name) => join(dir, name)) };
}

function readJson(path: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserInputError(`${path} is not a readable Keycloak export: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new UserInputError(`${path} is not a Keycloak realm export (expected a JSON object)`);
  return parsed;
}
