import { noteReferences, type FileLinks, type ImportUse, type LinkDeclaration, type LinkImport } from '../js/links.js';

/**
 * Python's side of engine/wrappers.ts: `from pkg.module import name` / `from .module import name`
 * bindings with their uses, and top-level `def`/`class`/assignments (methods as `Class.method`).
 * Module specifiers are kept in dotted form; the resolver maps them to files.
 */
const FROM_IMPORT = /^from\s+([\w.]+)\s+import\s+(\(?)([^#]*)$/;
const TOP = /^(?:async\s+def|def|class)\s+(\w+)|^(\w+)\s*(?::[^=]+)?=(?!=)/;
const METHOD = /^\s{2,8}(?:async\s+)?def\s+(\w+)/;
const MAX_USES = 20;
/** ORM models are data, not auth code: using one is not calling into auth. */
const MODEL_BASE = /\((?:[^)]*[,(\s])?(?:models\.Model|db\.Model|Base|SQLModel|DeclarativeBase|Document|Abstract\w*User|\w*Mixin)\b|table\s*=\s*True/;

export function extractPythonLinks(text: string): FileLinks {
  const lines = text.split('\n');
  const imports: LinkImport[] = [];
  const importLines = new Set<number>();
  for (let index = 0; index < lines.length; index++) {
    const match = FROM_IMPORT.exec(lines[index]!);
    if (!match) continue;
    let names = match[3]!;
    importLines.add(index);
    if (match[2] === '(' || names.trim().endsWith('\\')) {
      while (!/\)/.test(names) && index < lines.length - 1 && importLines.size < 10_000) {
        index++;
        importLines.add(index);
        names += ' ' + lines[index]!;
        if (match[2] !== '(' && !names.trim().endsWith('\\')) break;
      }
    }
    const from = match[1]!;
    for (const part of names.replace(/[()\\]/g, ' ').split(',')) {
      const [imported, local] = part.trim().split(/\s+as\s+/);
      if (imported && /^\w+$/.test(imported)) imports.push({ local: (local ?? imported).trim(), imported, from, uses: [] });
    }
  }
  for (const binding of imports) binding.uses = findUses(lines, binding.local, importLines);
  const found = declarations(lines);
  noteReferences(lines, found);
  return { imports: imports.filter((binding) => binding.uses.length > 0), declarations: found };
}

function findUses(lines: string[], local: string, importLines: Set<number>): ImportUse[] {
  const uses: ImportUse[] = [];
  const pattern = new RegExp(`(?<![\\w.'"])${local}(?![\\w'"])(?:\\.(\\w+))?`, 'g');
  for (let index = 0; index < lines.length && uses.length < MAX_USES; index++) {
    if (importLines.has(index)) continue;
    const line = lines[index]!;
    if (/^\s*#/.test(line)) continue;
    pattern.lastIndex = 0;
    const match = pattern.exec(line);
    if (match) uses.push({ line: index + 1, column: match.index + 1, member: match[1], tail: line.slice(match.index, match.index + 160), constructed: /\(\s*$/.test(line.slice(match.index + match[0].length, match.index + match[0].length + 1)), inherited: /^\s*class\s+\w+\s*\([^)]*$/.test(line.slice(0, match.index)) });
  }
  return uses;
}

function declarations(lines: string[]): LinkDeclaration[] {
  const found: LinkDeclaration[] = [];
  let open: LinkDeclaration | undefined;
  let openClass: LinkDeclaration | undefined;
  let openMethod: LinkDeclaration | undefined;
  let decoratedFrom: number | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const top = TOP.exec(line);
    if (top) {
      const start = decoratedFrom ?? index;
      decoratedFrom = undefined;
      if (open) open.end = start;
      if (openMethod) openMethod.end = start;
      openMethod = undefined;
      open = { name: (top[1] ?? top[2])!, line: start + 1, end: lines.length, kind: line.startsWith('class') ? (MODEL_BASE.test(line) ? 'value' : 'class') : top[1] ? 'callable' : /=\s*[{\['"\d]/.test(line) ? 'value' : 'callable' };
      found.push(open);
      openClass = line.startsWith('class') ? open : undefined;
      continue;
    }
    if (/^@/.test(line)) {
      // A decorator belongs to the definition below it.
      decoratedFrom ??= index;
      continue;
    }
    if (open && /^[^\s#)\]}]/.test(line)) {
      // Top-level code that is not a definition ends the one above.
      open.end = index;
      if (openMethod) openMethod.end = index;
      open = openClass = openMethod = undefined;
      continue;
    }
    const method = openClass ? METHOD.exec(line) : null;
    if (method && openClass) {
      if (openMethod) openMethod.end = index;
      openMethod = { name: `${openClass.name}.${method[1]}`, line: index + 1, end: openClass.end };
      found.push(openMethod);
    }
  }
  for (const declaration of found) if (declaration.end < declaration.line) declaration.end = declaration.line;
  return found;
}
