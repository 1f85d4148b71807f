import type { ManifestWarning } from '../package/manifest.js';
import type { NdjsonFileWriter } from '../package/write.js';
import { recognizePasswordHash } from './normalize/password-hash.js';

const SAMPLES = 3;

/** Rejects: each goes to rejects.ndjson with its reason and is counted per reason, with a few source references. */
export class RejectLog {
  private readonly byReason = new Map<string, { count: number; sampleRefs: string[] }>();
  total = 0;

  constructor(private readonly file: NdjsonFileWriter) {}

  /** `secretFields`: fields the source mapped to a password or secret, removed whatever their names. */
  add(sourceRef: string, reason: string, record: unknown, secretFields?: readonly string[]): void {
    const plain = record !== null && typeof record === 'object' && 'toJSON' in record && typeof record.toJSON === 'function' ? (record.toJSON as () => unknown)() : record;
    this.file.write({ source_ref: sourceRef, reason, record: withoutSecrets(plain, secretFields) });
    this.total += 1;
    const entry = this.byReason.get(reason) ?? { count: 0, sampleRefs: [] };
    entry.count += 1;
    if (entry.sampleRefs.length < SAMPLES) entry.sampleRefs.push(sourceRef);
    this.byReason.set(reason, entry);
  }

  histogram(): { reason: string; count: number; sampleRefs: string[] }[] {
    return [...this.byReason].map(([reason, entry]) => ({ reason, ...entry })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

/** Things export changed or noticed without rejecting: counted per code with a few sample ids. */
export class WarningLog {
  private readonly byCode = new Map<string, ManifestWarning>();

  add(code: string, message: string, sample: string): void {
    const entry = this.byCode.get(code) ?? { code, message, count: 0, samples: [] };
    entry.count += 1;
    if (entry.samples.length < SAMPLES && !entry.samples.includes(sample)) entry.samples.push(sample);
    this.byCode.set(code, entry);
  }

  /** A warning counted elsewhere. */
  put(warning: ManifestWarning): void {
    this.byCode.set(warning.code, warning);
  }

  list(): ManifestWarning[] {
    return [...this.byCode.values()];
  }
}

const SECRET_KEY = /pass|pwd|hash|salt|secret|totp|otp|mfa|2fa|recovery|credential|digest|token|api_?key|private|signer/i;
const MAX_DEPTH = 4;

/**
 * A rejected record without its password hash, salt, TOTP secret or tokens: rejects.ndjson never
 * carries them. Removed: fields whose names say secret, the fields the source mapped to a
 * password (`secretFields`), any text that has the shape of a password hash, and whatever lies
 * deeper than the record's first levels.
 */
export function withoutSecrets(record: unknown, secretFields: readonly string[] = [], depth = 0): unknown {
  if (typeof record === 'string') return looksLikeHash(record) ? REMOVED : record;
  if (record === null || typeof record !== 'object') return record;
  if (depth > MAX_DEPTH) return REMOVED;
  if (Array.isArray(record)) return record.map((item) => withoutSecrets(item, secretFields, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
    if (SECRET_KEY.test(key) || secretFields.includes(key)) {
      if (value !== null && value !== undefined && value !== '') out[key] = REMOVED;
      continue;
    }
    out[key] = withoutSecrets(value, secretFields, depth + 1);
  }
  return out;
}

const REMOVED = '[removed]';

/** Text in a password hash format (modular crypt, Django, Werkzeug, LDAP): removed from rejects whatever its field. */
function looksLikeHash(text: string): boolean {
  if (text.length < 20 || /\s/.test(text)) return false;
  const recognized = recognizePasswordHash({ value: text });
  return recognized !== undefined && recognized.algorithm !== 'unknown' && recognized.params?.format !== 'hex';
}
