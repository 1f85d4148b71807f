/** Small coercions shared by every source: what a column or field may hold, read as what the package needs. */

export type Coerced<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Ids are strings in the package; integer keys (and bigint strings) are common in the source. */
export function coerceId(value: unknown, field: string): Coerced<string | undefined> {
  if (value === null || value === undefined) return { ok: true, value: undefined };
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return { ok: true, value: trimmed === '' ? undefined : trimmed };
  }
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value: String(value) };
  if (typeof value === 'bigint') return { ok: true, value: value.toString() };
  return { ok: false, reason: `${field} is not a string or number` };
}

/** The two answers of coerceFlag, shared: every row would otherwise allocate one (callers only read them). */
const YES: Coerced<boolean> = Object.freeze({ ok: true, value: true });
const NO: Coerced<boolean> = Object.freeze({ ok: true, value: false });
const TRUE_WORDS = new Set(['true', 't', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', 'f', '0', 'no', 'n', 'off', '']);

/**
 * A yes/no fact such as email_verified: booleans, 0/1, words, or a timestamp column where
 * "set" means yes (email_confirmed_at). Absent means no.
 */
export function coerceFlag(value: unknown, field: string): Coerced<boolean> {
  if (value === null || value === undefined) return NO;
  if (typeof value === 'boolean') return value ? YES : NO;
  if (typeof value === 'number') return value !== 0 ? YES : NO;
  if (typeof value === 'bigint') return value !== 0n ? YES : NO;
  if (value instanceof Date) return YES;
  if (typeof value === 'string') {
    if (TRUE_WORDS.has(value)) return YES;
    if (FALSE_WORDS.has(value)) return NO;
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return YES;
    if (FALSE_WORDS.has(word)) return NO;
    if (/^\d{4}-\d{2}-\d{2}/.test(word) || /^\d{9,}$/.test(word)) return YES;
  }
  return { ok: false, reason: `${field} is not a boolean or timestamp` };
}

/** Optional text: numbers become text, blank becomes absent, anything else is refused. */
export function coerceText(value: unknown, field: string): Coerced<string | undefined> {
  if (value === null || value === undefined) return { ok: true, value: undefined };
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return { ok: true, value: trimmed === '' ? undefined : trimmed };
  }
  if (typeof value === 'number' || typeof value === 'bigint') return { ok: true, value: String(value) };
  return { ok: false, reason: `${field} is not text` };
}

/**
 * A list of names (roles, permissions, domains): an array, a Postgres array, a JSON array in
 * text, or text separated by commas, pipes or semicolons.
 */
export function coerceList(value: unknown, field: string): Coerced<string[]> {
  if (value === null || value === undefined) return { ok: true, value: [] };
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value) {
      const text = coerceText(typeof item === 'object' && item !== null && 'name' in item ? (item as { name: unknown }).name : item, field);
      if (!text.ok) return { ok: false, reason: `${field} holds something that is not a name` };
      if (text.value !== undefined) out.push(text.value);
    }
    return { ok: true, value: out };
  }
  if (typeof value === 'number') return { ok: true, value: [String(value)] };
  if (isFlagObject(value)) return { ok: true, value: Object.keys(value).filter((key) => value[key] === true || value[key] === 'true') };
  if (typeof value !== 'string') return { ok: false, reason: `${field} is not a list of names` };
  const text = value.trim();
  if (text === '') return { ok: true, value: [] };
  if (text.startsWith('{"')) {
    try {
      return coerceList(JSON.parse(text), field);
    } catch {
      return { ok: false, reason: `${field} is not a list of names` };
    }
  }
  if (text.startsWith('[')) {
    try {
      return coerceList(JSON.parse(text), field);
    } catch {
      return { ok: false, reason: `${field} is not a list of names` };
    }
  }
  const inner = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text;
  return {
    ok: true,
    value: inner
      .split(/[,|;]/)
      .map((part) => part.trim().replace(/^"(.*)"$/, '$1'))
      .filter((part) => part !== ''),
  };
}

/** A JSON role column such as `{"admin": true, "billing": false}` (Jumpstart's account_users.roles): the names set to true. */
function isFlagObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((entry) => typeof entry === 'boolean' || entry === 'true' || entry === 'false');
}

/** Splits "Ada King Lovelace" into first "Ada" and last "King Lovelace". */
export function splitFullName(full: string): { first?: string; last?: string } {
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length === 1) return { first: parts[0] };
  return { first: parts[0], last: parts.slice(1).join(' ') };
}
