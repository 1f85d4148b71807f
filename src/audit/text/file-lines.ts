import type { Ecosystem } from '../categories.js';
import { codeLines } from './code-lines.js';

let cached: { text: string; ecosystem: Ecosystem; lines: string[] } | undefined;

/** The code lines of the file a line rule is looking at, for rules that read a whole block from its first line. */
export function codeLinesOf(text: string, ecosystem: Ecosystem): readonly string[] {
  if (cached?.text !== text || cached.ecosystem !== ecosystem) cached = { text, ecosystem, lines: codeLines(text, ecosystem) };
  return cached.lines;
}
