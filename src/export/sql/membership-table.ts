import { UserInputError } from '../../errors.js';
import type { DataModelHints } from '../data-model.js';
import type { TableInfo } from './schema.js';

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const singular = (name: string) => squash(name).replace(/ies$/, 'y').replace(/s$/, '');

/** Names that say "membership" whatever the organization is called. */
const MEMBERSHIP_WORDS = /member|membership/;
/** Names and columns of tables that link a user to an organization without making them a member. */
const NOT_MEMBERSHIP_NAME = /invit|invite|request|pending|token|verification|session|audit|log|event|notification|subscription|payment|billing|api/;
const NOT_MEMBERSHIP_COLUMNS = new Set(['token', 'expires', 'expiresat', 'expiresin', 'acceptedat', 'invitedby', 'inviterid', 'invitedbyid', 'email', 'secret']);

const USER_REF = ['userid', 'memberid', 'user'];
const ORG_REF = ['organizationid', 'orgid', 'organisationid', 'teamid', 'tenantid', 'workspaceid', 'companyid', 'accountid', 'organization', 'org', 'team'];
const ROLE = ['role', 'rolename', 'roles', 'userrole', 'accountrole', 'teamrole', 'memberrole'];

export interface MembershipCandidate {
  table: TableInfo;
  userRef: string;
  orgRef: string;
  /** Why the table is taken for a membership: its name, a role column. */
  evidence: string[];
  /** Why it is not: an invitation or token table. */
  against: string[];
}

function references(table: TableInfo, target: TableInfo, fallback: string[], exclude?: string): string | undefined {
  const fk = table.foreignKeys.find((key) => (key.table === target.qualified || key.table === target.name) && key.column !== exclude);
  if (fk) return fk.column;
  const hint = `${singular(target.name)}id`;
  return table.columns.map((c) => c.name).find((name) => name !== exclude && (squash(name) === hint || fallback.includes(squash(name))));
}

/** Every table that links users to organizations, with the evidence for and against it being the membership. */
export function membershipCandidates(tables: TableInfo[], users: TableInfo, orgs: TableInfo): MembershipCandidate[] {
  const out: MembershipCandidate[] = [];
  for (const table of tables) {
    if (table === users || table === orgs) continue;
    const userRef = references(table, users, USER_REF);
    const orgRef = userRef ? references(table, orgs, ORG_REF, userRef) : undefined;
    if (!userRef || !orgRef) continue;
    const name = squash(table.name);
    const org = singular(orgs.name);
    const evidence: string[] = [];
    const against: string[] = [];
    if (MEMBERSHIP_WORDS.test(name)) evidence.push(`its name says member`);
    else if ([`${org}user`, `${org}users`, `user${org}`, `user${org}s`, `${org}account`, `${org}accounts`, `account${org}`].includes(name)) evidence.push(`its name joins ${orgs.name} and users`);
    if (table.columns.some((c) => ROLE.includes(squash(c.name)) || squash(c.name) === 'roleid')) evidence.push('it has a role column');
    if (NOT_MEMBERSHIP_NAME.test(name)) against.push('its name says invitation, request or token');
    const odd = table.columns.map((c) => c.name).filter((column) => NOT_MEMBERSHIP_COLUMNS.has(squash(column)));
    if (odd.length > 0) against.push(`it has ${odd.join(', ')}`);
    out.push({ table, userRef, orgRef, evidence, against });
  }
  return out;
}

/**
 * The membership table, only on evidence: a name that says member (or joins the organization and
 * users tables, as team_user or account_users), both keys, and nothing of an invitation (token,
 * expiry, email). When two tables fit equally, or tables link users and organizations but none
 * fits, it stops and names the candidates with the mapping-file lines to write, rather than guess.
 */
export function pickMembershipTable(tables: TableInfo[], users: TableInfo, orgs: TableInfo | undefined, hints: DataModelHints | undefined): MembershipCandidate | undefined {
  if (!orgs) return undefined;
  const candidates = membershipCandidates(tables, users, orgs);
  const hinted = hints?.tables.membership?.map((hint) => squash(hint.table)) ?? [];
  const byHint = candidates.find((c) => hinted.includes(squash(c.table.qualified)) || hinted.includes(squash(c.table.name)));
  if (byHint) return byHint;
  const clean = candidates.filter((c) => c.against.length === 0);
  const named = clean.filter((c) => c.evidence.some((e) => e.startsWith('its name')));
  if (named.length === 1) return named[0];
  const withRole = clean.filter((c) => c.evidence.length > 0);
  if (named.length === 0 && withRole.length === 1) return withRole[0];
  if (candidates.length === 0) return undefined;
  const tied = named.length > 1 ? named : withRole.length > 1 ? withRole : candidates;
  throw new UserInputError(
    `cannot tell which table holds organization memberships: ${tied
      .map((c) => `${c.table.qualified} (${[...c.evidence, ...c.against.map((a) => `but ${a}`)].join(', ') || 'links users and organizations, nothing more'})`)
      .join('; ')}. ${named.length > 1 ? 'Several fit' : 'None fits'}; write a mapping file (--mapping) with the right one, e.g. ` +
      `"memberships": { "table": "${tied[0]!.table.qualified}", "columns": { "user_id": "${tied[0]!.userRef}", "org_external_id": "${tied[0]!.orgRef}"${roleOf(tied[0]!.table) ? `, "role": "${roleOf(tied[0]!.table)}"` : ''} } }`,
  );
}

export function roleOf(table: TableInfo): string | undefined {
  return table.columns.find((c) => ROLE.includes(squash(c.name)))?.name;
}

/** An organization's owner column (teams.user_id, accounts.owner_id, primary_owner_user_id) pointing at users. */
export function ownerColumn(orgs: TableInfo, users: TableInfo): string | undefined {
  const fk = orgs.foreignKeys.find((key) => key.table === users.qualified || key.table === users.name);
  const names = ['userid', 'ownerid', 'owneruserid', 'primaryowneruserid', 'createdby', 'creatorid'];
  if (fk && names.includes(squash(fk.column))) return fk.column;
  return orgs.columns.map((c) => c.name).find((name) => ['ownerid', 'owneruserid', 'primaryowneruserid'].includes(squash(name)) || (squash(name) === 'userid' && !fk));
}
