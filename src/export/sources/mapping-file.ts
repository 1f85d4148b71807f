import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { UserInputError } from '../../errors.js';

/** Reads and validates a JSON mapping file; errors name the file and the field. */
export function readMappingFile<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserInputError(`cannot read the mapping file ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`mapping file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UserInputError(`mapping file ${path}: ${issue?.path.join('.') || 'top level'}: ${issue?.message}`);
  }
  return result.data;
}
