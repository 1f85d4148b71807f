import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { NEXT_PREFIX } from '../../src/mcp/next-step.js';
import { TEXT_CUT_MARK } from '../../src/mcp/register-tools.js';
import { RESULT_BUDGET, byteSize, jsonSize } from '../../src/mcp/result-budget.js';
import { textOf } from './mcp.js';

/** Every long flag of every CLI command (--apply, --in, --mapping...): none may appear in an MCP result. */
export async function cliFlags(): Promise<string[]> {
  const program = await createProgram();
  const flags: string[] = [];
  for (const command of program.commands) {
    for (const option of command.options as ReadonlyArray<{ long?: string }>) if (typeof option.long === 'string') flags.push(option.long);
  }
  return [...new Set(flags)].filter((flag) => !['--help', '--version'].includes(flag));
}

/** What the issue holds every result to: the budget, no text cut by the safety net, no CLI flag, one next line at the end. */
export function expectAssistantReady(label: string, result: CallToolResult, flags: readonly string[]): { tool?: string; arguments?: Record<string, unknown>; line: string } {
  const text = textOf(result);
  expect(byteSize(text), `${label}: text bytes`).toBeLessThanOrEqual(RESULT_BUDGET.textBytes);
  expect(jsonSize(result.structuredContent ?? {}), `${label}: structuredContent bytes`).toBeLessThanOrEqual(RESULT_BUDGET.structuredBytes);
  expect(text, `${label}: cut by the safety net`).not.toContain(TEXT_CUT_MARK);
  const everything = `${text}\n${JSON.stringify(result.structuredContent ?? {})}`;
  for (const flag of flags) expect(everything, `${label}: mentions the CLI flag ${flag}`).not.toMatch(new RegExp(`${flag}(?![\\w-])`));
  const lines = text.trimEnd().split('\n');
  const nextLines = lines.filter((line) => line.startsWith(NEXT_PREFIX));
  expect(nextLines, `${label}: one next line`).toHaveLength(1);
  expect(lines.at(-1), `${label}: the next line ends the text`).toBe(nextLines[0]);
  return { ...parseNext(nextLines[0]!), line: nextLines[0]! };
}

/** The tool and arguments a next line names ("... call `importOrgs` with {...}"). */
export function parseNext(line: string): { tool?: string; arguments?: Record<string, unknown> } {
  const match = /call `(\w+)` with (\{.*\})(?: \(|\.?$)/.exec(line);
  if (!match) return {};
  return { tool: match[1], arguments: JSON.parse(match[2]!) as Record<string, unknown> };
}

/** Known values that must never come back in a result: each one is looked for in every text and structured result. */
export function expectNoneOf(label: string, result: CallToolResult, secrets: readonly string[]): void {
  const everything = `${textOf(result)}\n${JSON.stringify(result.structuredContent ?? {})}`;
  const lower = everything.toLowerCase();
  for (const secret of secrets) {
    if (lower.includes(secret.toLowerCase())) throw new Error(`${label}: a result carries a secret or personal value (${secret.slice(0, 3)}…, ${secret.length} chars)`);
  }
  expect(everything, `${label}: carries a JWT`).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
}
