/** The comparisons plan and verify share, so "differs" means the same thing in both. */

/** Metadata the package asks for that Scalekit does not hold with the same value. Keys only the server has are left alone. */
export function metadataDiffers(wanted: Record<string, string> | undefined, actual: Record<string, string>): boolean {
  if (!wanted) return false;
  return Object.entries(wanted).some(([key, value]) => actual[key] !== value);
}

/** What to send when metadata must change: the server's map with the package's keys set (the API replaces the whole map). */
export function mergedMetadata(wanted: Record<string, string> | undefined, actual: Record<string, string>): Record<string, string> {
  return { ...actual, ...wanted };
}

export function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const a = new Set(left);
  const b = new Set(right);
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}

/**
 * Membership roles: an empty list in the package means "no explicit role", so whatever default
 * Scalekit assigns is accepted; otherwise the sets must be equal.
 */
export function rolesDiffer(wanted: readonly string[], actual: readonly string[]): boolean {
  return wanted.length > 0 && !sameSet(wanted, actual);
}

/**
 * An optional package field differs only when the package gives it a value. An empty one means the
 * old system had nothing there, not "erase": the import never empties a field Scalekit holds (see keptValue).
 */
export function optionalDiffers(wanted: string | undefined, actual: string): boolean {
  return wanted !== undefined && wanted !== '' && wanted !== actual;
}

/** A field the package leaves empty while Scalekit holds a value: kept as Scalekit has it, and said so in plan and verify. */
export function keptValue(wanted: string | undefined, actual: string): boolean {
  return wanted === '' && actual !== '';
}

/** A package value to send: an empty one is not sent, so it never erases what Scalekit holds. */
export function valueToSend(wanted: string | undefined): string | undefined {
  return wanted === '' ? undefined : wanted;
}

export function sameEmail(left: string, right: string): boolean {
  return left.toLowerCase() === right.toLowerCase();
}
