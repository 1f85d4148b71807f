/**
 * The fields of `input` that validation dropped from `parsed` (zod strips keys a schema does not
 * name), as paths like `memberships.0.role`. Maps the schema keeps whole (metadata) lose nothing.
 */
export function strippedFields(input: unknown, parsed: unknown, path: string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, index) => strippedFields(item, parsed[index], [...path, String(index)]));
  }
  if (!isObject(input) || !isObject(parsed)) return [];
  const out: string[] = [];
  for (const key of Object.keys(input)) {
    if (!Object.prototype.hasOwnProperty.call(parsed, key)) out.push([...path, key].join('.'));
    else out.push(...strippedFields(input[key], parsed[key], [...path, key]));
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
