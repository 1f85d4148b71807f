import type { Ecosystem } from '../categories.js';

interface CommentSyntax {
  /** Line-comment openers, cut from a line when outside quotes. */
  line: readonly string[];
  /** Block comments, as [open, close]. */
  blocks: ReadonlyArray<readonly [string, string]>;
}

/** Import statements name libraries, not touchpoints: they are blanked like comments. */
const IMPORTS: Partial<Record<Ecosystem, RegExp>> = {
  python: /^\s*(?:from\s+[\w.]+\s+)?import\s/,
  java: /^\s*import\s/,
  php: /^\s*use\s+[\w\\]+(?:\s+as\s+\w+)?\s*;/,
  go: /^\s*import\s/,
};

const SYNTAX: Partial<Record<Ecosystem, CommentSyntax>> = {
  python: { line: ['#'], blocks: [['"""', '"""'], ["'''", "'''"]] },
  ruby: { line: ['#'], blocks: [['=begin', '=end']] },
  go: { line: ['//'], blocks: [['/*', '*/']] },
  java: { line: ['//'], blocks: [['/*', '*/']] },
  php: { line: ['//', '#'], blocks: [['/*', '*/'], ['{{--', '--}}']] },
  config: { line: ['#', '!'], blocks: [] },
};

/**
 * The code part of each line (index = line number - 1): comments blanked out, so rules never match
 * documentation, commented-out code or fixture markers. Python docstrings count as comments.
 * Column positions are preserved.
 */
export function codeLines(text: string, ecosystem: Ecosystem): string[] {
  const syntax = SYNTAX[ecosystem] ?? { line: [], blocks: [] };
  const lines = text.split(/\r?\n/);
  const imports = IMPORTS[ecosystem];
  let openBlock: readonly [string, string] | undefined;
  // A parenthesized import (`import (` in Go, `from x import (` in Python) runs until its `)`.
  let importBlock = false;
  return lines.map((line) => {
    if (importBlock || (imports && imports.test(line) && !openBlock)) {
      importBlock = importBlock ? !line.includes(')') : /\(\s*$/.test(line);
      return ' '.repeat(line.length);
    }
    let out = '';
    let index = 0;
    let quote: string | undefined;
    while (index < line.length) {
      if (openBlock) {
        const end = line.indexOf(openBlock[1], index);
        if (end === -1) {
          out += ' '.repeat(line.length - index);
          index = line.length;
        } else {
          out += ' '.repeat(end + openBlock[1].length - index);
          index = end + openBlock[1].length;
          openBlock = undefined;
        }
        continue;
      }
      const char = line[index]!;
      if (quote) {
        out += char;
        if (char === '\\') {
          out += line[index + 1] ?? '';
          index += 2;
          continue;
        }
        if (char === quote) quote = undefined;
        index += 1;
        continue;
      }
      const block = syntax.blocks.find(([open]) => line.startsWith(open, index) && (open !== '=begin' || index === 0));
      if (block) {
        openBlock = block;
        out += ' '.repeat(block[0].length);
        index += block[0].length;
        continue;
      }
      if (syntax.line.some((opener) => line.startsWith(opener, index) && isCommentStart(opener, line, index, ecosystem))) {
        out += ' '.repeat(line.length - index);
        break;
      }
      if (char === '"' || char === "'" || char === '`') quote = char;
      out += char;
      index += 1;
    }
    return out;
  });
}

function isCommentStart(opener: string, line: string, index: number, ecosystem: Ecosystem): boolean {
  // `!` starts a comment only at the start of a .properties line.
  if (opener === '!') return line.slice(0, index).trim() === '';
  // PHP 8 attributes (`#[IsGranted('ROLE_ADMIN')]`) are code.
  if (ecosystem === 'php' && opener === '#') return line[index + 1] !== '[';
  // In .env files `#` inside an unquoted value is part of it only when not preceded by a space.
  if (ecosystem === 'config' && opener === '#') return index === 0 || /\s/.test(line[index - 1] ?? '');
  return true;
}
