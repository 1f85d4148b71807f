import { extname } from 'node:path';
import { ts } from 'ts-morph';

/** The file could not be parsed: the audit skips it with this message as the note. */
export class SyntaxProblem extends Error {
  override name = 'SyntaxProblem';
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JSX,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

/** Parses with the TypeScript compiler shipped in ts-morph; no Program, no type checking, no tsconfig. */
export function parseSource(path: string, text: string): ts.SourceFile {
  const extension = extname(path).toLowerCase();
  const kind = Object.hasOwn(SCRIPT_KINDS, extension) ? SCRIPT_KINDS[extension]! : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  // parseDiagnostics is internal to the compiler but stable; it is the parser's own error list.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first) {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
    throw new SyntaxProblem(`syntax error at ${line + 1}:${character + 1}: ${message}`);
  }
  return sourceFile;
}
