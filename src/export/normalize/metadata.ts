import { METADATA_LIMITS } from '../../package/records.js';

export interface MetadataOverflow {
  key: string;
  reason: 'key-too-short' | 'key-too-long' | 'value-too-long' | 'too-many-pairs' | 'value-not-text';
  /** Length of the value that did not fit, never the value itself. */
  valueLength?: number;
}

export interface MetadataResult {
  metadata?: Record<string, string>;
  overflow: MetadataOverflow[];
}

/**
 * Fits source attributes into Scalekit's metadata limits (keys 3-25 characters, values 1-256,
 * at most 10 pairs). Numbers and booleans become text, objects their JSON; empty values are
 * left out; what does not fit is left out and reported, never cut short.
 */
const NOTHING: MetadataResult = Object.freeze({ overflow: Object.freeze([]) as unknown as MetadataOverflow[] });

export function fitMetadata(entries: Iterable<[string, unknown]> | undefined): MetadataResult {
  if (!entries) return NOTHING;
  const overflow: MetadataOverflow[] = [];
  const metadata: Record<string, string> = {};
  let pairs = 0;
  for (const [key, raw] of entries) {
    const value = asText(raw);
    if (value === undefined) {
      overflow.push({ key, reason: 'value-not-text' });
      continue;
    }
    if (value === '' || Object.hasOwn(metadata, key)) continue;
    if (key.length < METADATA_LIMITS.keyMin) overflow.push({ key, reason: 'key-too-short' });
    else if (key.length > METADATA_LIMITS.keyMax) overflow.push({ key, reason: 'key-too-long' });
    else if (value.length > METADATA_LIMITS.valueMax) overflow.push({ key, reason: 'value-too-long', valueLength: value.length });
    else if (pairs >= METADATA_LIMITS.maxPairs) overflow.push({ key, reason: 'too-many-pairs' });
    else {
      metadata[key] = value;
      pairs += 1;
    }
  }
  return { metadata: pairs > 0 ? metadata : undefined, overflow };
}

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
