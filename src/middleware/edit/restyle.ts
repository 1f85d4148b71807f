import { ts } from 'ts-morph';

export interface CodeStyle {
  quote: 'single' | 'double';
  semicolons: boolean;
}

/** The style most of these texts are written in: quote of module specifiers, statements ending in `;` or not. */
export function detectStyle(texts: readonly string[]): CodeStyle {
  let singles = 0;
  let doubles = 0;
  let withSemicolon = 0;
  let without = 0;
  for (const text of texts) {
    singles += (text.match(/from '|require\('/g) ?? []).length;
    doubles += (text.match(/from "|require\("/g) ?? []).length;
    for (const line of text.split('\n')) {
      if (!/^\s*(?:import\s|export\s+(?:const|default)\s|const\s|let\s|return\s)/.test(line)) continue;
      if (/;\s*$/.test(line)) withSemicolon++;
      else if (/[\w'")\]]\s*$/.test(line)) without++;
    }
  }
  return { quote: doubles > singles ? 'double' : 'single', semicolons: withSemicolon >= without };
}

/**
 * The text with its string literals in the wanted quote and, for a no-semicolon style, the semicolons that end a
 * line dropped (kept where the next line starts with `(`, `[` or a backtick, which ASI would join).
 */
export function restyle(text: string, style: CodeStyle): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  // Open brackets: a semicolon directly inside `(...)` is a for-loop's, inside `{...}` or at top level it ends a statement.
  const open: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenParenToken || kind === ts.SyntaxKind.OpenBraceToken || kind === ts.SyntaxKind.OpenBracketToken) open.push(scanner.getTokenText());
    else if (kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBraceToken || kind === ts.SyntaxKind.CloseBracketToken) open.pop();
    else if (kind === ts.SyntaxKind.StringLiteral) {
      const raw = scanner.getTokenText();
      const wanted = style.quote === 'double' ? '"' : "'";
      if (raw[0] !== wanted) edits.push({ start: scanner.getTokenPos(), end: scanner.getTextPos(), text: wanted + scanner.getTokenValue().replace(/\\/g, '\\\\').replace(new RegExp(wanted, 'g'), '\\' + wanted).replace(/\n/g, '\\n') + wanted });
    } else if (kind === ts.SyntaxKind.SemicolonToken && !style.semicolons && open.at(-1) !== '(') {
      const rest = text.slice(scanner.getTextPos());
      const lineEnd = /^[ \t]*(?:\/\/[^\n]*)?(?:\n|$)/.exec(rest);
      const nextLine = /^[ \t]*(?:\/\/[^\n]*)?\n\s*(\S)/.exec(rest)?.[1];
      if (lineEnd && !['(', '[', '`'].includes(nextLine ?? '')) edits.push({ start: scanner.getTokenPos(), end: scanner.getTextPos(), text: '' });
    } else if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      // Template literals keep their text; the scanner needs to be told where a substitution ends.
      if (kind === ts.SyntaxKind.TemplateHead) skipTemplate(scanner);
    }
  }
  let result = text;
  for (const edit of edits.reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

function skipTemplate(scanner: ts.Scanner): void {
  let depth = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (depth > 0) {
        depth--;
        continue;
      }
      const next = scanner.reScanTemplateToken(false);
      if (next === ts.SyntaxKind.TemplateTail) return;
      if (next === ts.SyntaxKind.TemplateMiddle) continue;
    }
  }
}
