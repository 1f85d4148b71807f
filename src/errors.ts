/**
 * Input that cannot be used as given. The message names what was wrong and where,
 * so the person or assistant can fix it without reading code.
 * The CLI exits 2 on it; an MCP tool returns it with `isError: true`.
 */
export class UserInputError extends Error {
  override name = 'UserInputError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
