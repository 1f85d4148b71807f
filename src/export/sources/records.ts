/** Helpers for reading vendor records, whose shapes are only known loosely. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value at a dotted path ("profile.email"), or a plain key that itself contains dots. */
export function pick(record: Json, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** Top-level entries of an object (user_metadata, customAttributes...), or none. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

/** Parses a JSON text field (Firebase customAttributes, Keycloak secretData); undefined when it is not JSON. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
