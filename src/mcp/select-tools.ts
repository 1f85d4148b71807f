import { UserInputError } from '../errors.js';
import type { ToolDefinition } from './tool.js';

export interface ToolSelection {
  /** Register only tools that write nothing: read-only ones, and the read-only form of those that have one. */
  readOnly?: boolean;
  /** Register only these tools, by name. */
  names?: readonly string[];
}

/**
 * The tools a server offers under the assistant guard rails. Unknown names, and names that a
 * read-only server cannot offer, are usage errors that name them: a guard rail never fails open.
 */
export function selectTools(all: readonly ToolDefinition[], selection: ToolSelection = {}): ToolDefinition[] {
  let tools = [...all];
  if (selection.names) {
    const names = [...new Set(selection.names)];
    if (names.length === 0) throw new UserInputError(`--tools names no tool; known tools: ${all.map((tool) => tool.name).join(', ')}`);
    const unknown = names.filter((name) => !all.some((tool) => tool.name === name));
    if (unknown.length) {
      throw new UserInputError(`--tools: unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known tools: ${all.map((tool) => tool.name).join(', ')}`);
    }
    tools = tools.filter((tool) => names.includes(tool.name));
  }
  if (selection.readOnly) {
    const writing = selection.names ? tools.filter((tool) => !tool.annotations.readOnlyHint && !tool.readOnlyVariant) : [];
    if (writing.length) {
      throw new UserInputError(`--tools names ${writing.map((tool) => tool.name).join(', ')}, which can only write; a --read-only server leaves ${writing.length > 1 ? 'them' : 'it'} out`);
    }
    tools = tools.flatMap((tool) => (tool.annotations.readOnlyHint ? [tool] : tool.readOnlyVariant ? [tool.readOnlyVariant] : []));
  }
  return tools;
}

/** "a, b,c" -> ["a", "b", "c"] */
export function parseToolList(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
