import { createHash } from 'node:crypto';
import { LEGACY_ROLE_NAME_MAX, ROLE_NAME_MAX, ROLE_NAME_PATTERN } from '../../package/records.js';

export type RoleNameMapping = { ok: true; name: string } | { ok: false; reason: string };

export const UNMAPPABLE_ROLE_NAME = `role name maps to no valid Scalekit name: it has no letter a-z or digit 0-9 (Scalekit role names match ${ROLE_NAME_PATTERN.source})`;
export const ROLE_NAME_TOO_LONG = `role name longer than ${LEGACY_ROLE_NAME_MAX} characters`;

/** Characters kept before a long name's hash suffix: 55 + "_" + 8 hex digits stays within ROLE_NAME_MAX. */
const LONG_NAME_PREFIX = ROLE_NAME_MAX - 9;
const CANONICAL = /^[a-z0-9](?:[a-z0-9_]{0,62}[a-z0-9])?$/;

/**
 * The Scalekit role name for a legacy role name. The rule, applied to every legacy name alike:
 * 1. accents are dropped (Unicode NFKD, combining marks removed) and letters lowercased;
 * 2. every run of characters outside [a-z0-9_] becomes one "_";
 * 3. leading and trailing "_" are trimmed;
 * 4. a result longer than 64 characters keeps its first 55, then "_" and 8 hex digits of the
 *    SHA-256 of the whole result, so two long names only meet when their full forms do;
 * 5. nothing left (only punctuation, spaces, or letters outside Latin) means no Scalekit name.
 * So "Org Admin" -> org_admin, "billing-manager" -> billing_manager, "org:admin" -> org_admin,
 * "Admin" and "admin" -> admin (two legacy names with one Scalekit name: export merges them).
 */
export function scalekitRoleName(legacy: string): RoleNameMapping {
  if (CANONICAL.test(legacy)) return { ok: true, name: legacy };
  let mapping = recent.get(legacy);
  if (mapping === undefined) {
    if (recent.size >= RECENT_LIMIT) recent.clear();
    mapping = mapLegacyName(legacy);
    recent.set(legacy, mapping);
  }
  return mapping;
}

/** Legacy names repeat on every membership: the few distinct ones are mapped once (bounded memory). */
const recent = new Map<string, RoleNameMapping>();
const RECENT_LIMIT = 10_000;

function mapLegacyName(legacy: string): RoleNameMapping {
  if (legacy.length > LEGACY_ROLE_NAME_MAX) return { ok: false, reason: ROLE_NAME_TOO_LONG };
  const folded = legacy.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const name = folded.replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!/[a-z0-9]/.test(name)) return { ok: false, reason: UNMAPPABLE_ROLE_NAME };
  if (name.length <= ROLE_NAME_MAX) return { ok: true, name };
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return { ok: true, name: `${name.slice(0, LONG_NAME_PREFIX).replace(/_+$/, '')}_${digest}` };
}

/** A legacy spelling and the Scalekit name it maps to. */
export interface RoleSpelling {
  legacy: string;
  name: string;
}

export interface DroppedRole {
  legacy: string;
  reason: string;
}

export interface MappedRoles {
  /** Scalekit names, each once, in the order first met. */
  names: string[];
  spellings: RoleSpelling[];
  /** Legacy names with no Scalekit name: left out of the membership. */
  dropped: DroppedRole[];
}

/** Maps a membership's legacy role names; two spellings of one role become one name. */
export function mapRoleNames(legacyNames: readonly string[]): MappedRoles {
  const mapped: MappedRoles = { names: [], spellings: [], dropped: [] };
  for (const legacy of legacyNames) {
    const mapping = scalekitRoleName(legacy);
    if (!mapping.ok) {
      if (!mapped.dropped.some((entry) => entry.legacy === legacy)) mapped.dropped.push({ legacy, reason: mapping.reason });
      continue;
    }
    if (!mapped.names.includes(mapping.name)) mapped.names.push(mapping.name);
    if (!mapped.spellings.some((entry) => entry.legacy === legacy)) mapped.spellings.push({ legacy, name: mapping.name });
  }
  return mapped;
}

/** A legacy role name quoted for a warning sample, cut short when long. */
export function quoteRoleName(legacy: string): string {
  return JSON.stringify(legacy.length > 40 ? `${legacy.slice(0, 39)}…` : legacy);
}
