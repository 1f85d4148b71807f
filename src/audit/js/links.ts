/**
 * What one JS/TS file imports from other files of the app and declares at its top level, read
 * with line regexes (no parse), so files the keyword prefilter skips are linked too. The engine
 * uses it to follow the app's own auth wrappers into the files that call them (engine/wrappers.ts).
 */
export interface ImportUse {
  line: number;
  column: number;
  /** `x.member` right after the local name, when there is one. */
  member?: string;
  /** `x.member.next`: the member after that one (`Service.promises.getUser`). */
  next?: string;
  /** The rest of the line from the use on (what is called and with which arguments). */
  tail: string;
  /** `new Name(...)`. */
  constructed?: boolean;
  /** The last argument of the call, when it is an object literal after others (`wrap(handler, { roles: [...] })`). */
  options?: string;
  /** `<Name ...>`: a component rendered, not auth code called. */
  element?: boolean;
  /** `useAction(name)`: handed to a React hook, which calls it later; not a call here. */
  handedToHook?: boolean;
  /** `class X extends Name` / `class X(Name)`: the class takes the base's behaviour. */
  inherited?: boolean;
}

export interface LinkImport {
  /** The local name in this file. */
  local: string;
  /** The exported name; `*` for a namespace import or a whole `require`, `default` for a default import. */
  imported: string;
  /** The module specifier as written. */
  from: string;
  uses: ImportUse[];
}

export interface LinkDeclaration {
  /** `name`, or `Class.method` for a method of a top-level class. */
  name: string;
  line: number;
  /** Last line of the declaration (before the next top-level one). */
  end: number;
  isDefault?: boolean;
  /** `value` for a plain object, string or array: passing it along is not calling auth code. */
  kind?: 'class' | 'callable' | 'value';
  /** Other top-level declarations of the file it mentions. */
  refs?: string[];
}

export interface LinkReexport {
  from: string;
  /** Names passed on (`export { a, b as c } from`: exported -> original), or every name (`export * from`). */
  names: Record<string, string> | '*';
}

export interface FileLinks {
  imports: LinkImport[];
  declarations: LinkDeclaration[];
  reexports?: LinkReexport[];
}

/**
 * What the engine needs of every file before it knows where the wrappers are: the specifiers it
 * imports (a superset of the imports extractLinks keeps) and whether it re-exports. The full links
 * of the few files that import a wrapper are extracted later, from the file read again.
 */
export interface LinkSummary {
  specifiers: string[];
  reexports: boolean;
}

const SPECIFIER = /\bfrom\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]/g;
const REEXPORT_LINE = /^\s*export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s*from\s*['"]/m;

export function summarizeLinks(text: string): LinkSummary {
  const specifiers = new Set<string>();
  SPECIFIER.lastIndex = 0;
  for (let match = SPECIFIER.exec(text); match !== null; match = SPECIFIER.exec(text)) {
    const specifier = match[1] ?? match[2]!;
    if (LOCAL_SPECIFIER.test(specifier) || specifier.includes('/')) specifiers.add(specifier);
  }
  return { specifiers: [...specifiers], reexports: REEXPORT_LINE.test(text) };
}

const MAX_USES = 20;
const LOCAL_SPECIFIER = /^(?:\.{1,2}\/|[@~#]\/?|\/)/;
const IMPORT_FROM = /^\s*import\s+(?!type\s)([\w$]+\s*,?\s*)?(\*\s+as\s+[\w$]+|\{[^}]*\})?\s*from\s*['"]([^'"]+)['"]/;
const REQUIRE = /^\s*(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)\s*;?\s*$/;
const TOP_DECLARATION =
  /^(?:export\s+(default\s+)?)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?\s*([\w$]+)|class\s+([\w$]+)|(?:const|let|var)\s+([\w$]+))/;
const COMMONJS_EXPORT = /^(?:module\.)?exports\.([\w$]+)\s*=/;
const DEFAULT_EXPORT = /^(?:export\s+default\s+([\w$]+)\s*;?\s*$|module\.exports\s*=\s*([\w$]+)\s*;?\s*$)/;
const METHOD = /^\s+(?:(?:public|private|protected|static|async|get|set|readonly|override)\s+)*([\w$]+)\s*(?:<[^>]*>)?\s*\(/;
const DESTRUCTURING = /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?$/;

/** `const {\n  a,\n  b,\n} = Helper`: the names of a destructuring spread over the lines above its closing brace. */
function destructuredAbove(lines: string[], index: number, prefix: string): RegExpExecArray | null {
  if (!/^\s*\}\s*=\s*(?:await\s+)?$/.test(prefix)) return null;
  for (let start = index - 1; start >= 0 && start >= index - 30; start--) {
    if (/^\s*(?:export\s+)?(?:const|let|var)\s*\{\s*$/.test(lines[start]!)) return DESTRUCTURING.exec(`const {${lines.slice(start + 1, index).join(' ')}} = `);
    if (/[;{}]\s*$/.test(lines[start]!.replace(/,\s*$/, ''))) return null;
  }
  return null;
}
/** `name: function (`, `name: async (x) =>`: a function-valued property of an object literal. */
const PROPERTY_FUNCTION = /^\s+([\w$]+)\s*:\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)/;
/** `const Service = {` / `export default {` / `module.exports = {`: an object literal whose members are the module's functions. */
const OBJECT_CONTAINER = /^(?:(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::\s*[^=]+)?=\s*\{\s*$|(?:export\s+default|module\.exports\s*=)\s*\{\s*$)/;
const NOT_METHOD = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'super', 'await', 'new', 'typeof']);

/** Files in the app this one imports (relative or aliased specifiers; only those `keep` accepts) and its top-level declarations. */
export function extractLinks(text: string, keep: (specifier: string) => boolean = () => true): FileLinks {
  const lines = text.split('\n');
  const imports: LinkImport[] = [];
  const importLines = new Set<number>();
  collectImports(lines, imports, importLines, keep);
  findUses(lines, imports, importLines);
  const declarations = collectDeclarations(lines);
  noteReferences(lines, declarations);
  const reexports = collectReexports(lines);
  return { imports: imports.filter((binding) => binding.uses.length > 0), declarations, ...(reexports.length ? { reexports } : {}) };
}

function collectImports(lines: string[], imports: LinkImport[], importLines: Set<number>, keep: (specifier: string) => boolean): void {
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    // A multi-line `import {` ... `} from '...'`: join it up to the `from`.
    if (/^\s*import\s+(?!type\s)[^'"]*\{[^}]*$/.test(line)) {
      let end = index;
      while (end < lines.length - 1 && end - index < 60 && !/\}\s*from\s*['"]/.test(lines[end]!)) end++;
      line = lines.slice(index, end + 1).join(' ');
      for (let at = index; at <= end; at++) importLines.add(at);
      index = end;
    }
    const esm = IMPORT_FROM.exec(line);
    if (esm) {
      importLines.add(index);
      const from = esm[3]!;
      if ((!LOCAL_SPECIFIER.test(from) && !from.includes('/')) || !keep(from)) continue;
      const defaultName = esm[1]?.replace(/[,\s]/g, '');
      if (defaultName) imports.push({ local: defaultName, imported: 'default', from, uses: [] });
      const rest = esm[2];
      if (rest?.startsWith('*')) imports.push({ local: rest.split(/\s+as\s+/)[1]!.trim(), imported: '*', from, uses: [] });
      else if (rest) imports.push(...namedBindings(rest, /\s+as\s+/, from));
      continue;
    }
    const cjs = REQUIRE.exec(line);
    if (cjs) {
      importLines.add(index);
      const from = cjs[2]!;
      if ((!LOCAL_SPECIFIER.test(from) && !from.includes('/')) || !keep(from)) continue;
      const target = cjs[1]!;
      if (target.startsWith('{')) imports.push(...namedBindings(target, /\s*:\s*/, from));
      else imports.push({ local: target, imported: '*', from, uses: [] });
    }
  }
}

function namedBindings(braces: string, rename: RegExp, from: string): LinkImport[] {
  return braces
    .replace(/[{}]/g, '')
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, ''))
    .filter((part) => /^[\w$]/.test(part))
    .map((part) => {
      const [imported, local] = part.split(rename);
      return { local: (local ?? imported)!.trim(), imported: imported!.trim(), from, uses: [] };
    });
}

const REEXPORT = /^\s*export\s+(?:type\s+)?(\*|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/;

/** `export * from './x'` and `export { a, b as c } from './x'`: a barrel file passes names on. */
function collectReexports(lines: string[]): LinkReexport[] {
  const found: LinkReexport[] = [];
  for (const line of lines) {
    const match = REEXPORT.exec(line);
    if (!match || !(LOCAL_SPECIFIER.test(match[2]!) || match[2]!.includes('/'))) continue;
    if (match[1] === '*') {
      found.push({ from: match[2]!, names: '*' });
      continue;
    }
    const names: Record<string, string> = {};
    for (const part of match[1]!.replace(/[{}]/g, '').split(',')) {
      const [original, exported] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
      if (original) names[(exported ?? original).trim()] = original.trim();
    }
    found.push({ from: match[2]!, names });
  }
  return found;
}

/** Every use of the imported names, one regex pass over the lines (at most MAX_USES per name). */
function findUses(lines: string[], imports: LinkImport[], importLines: Set<number>): void {
  if (imports.length === 0) return;
  const byName = new Map<string, LinkImport[]>();
  for (const binding of imports) byName.set(binding.local, [...(byName.get(binding.local) ?? []), binding]);
  const names = [...byName.keys()].map((name) => name.replace(/\$/g, '\\$')).join('|');
  const pattern = new RegExp(`(?<![\\w$.'"/-])(${names})(?![\\w$'"])(?:\\s*\\??\\.\\s*([\\w$]+))?(?:\\s*\\??\\.\\s*([\\w$]+))?`, 'g');
  for (let index = 0; index < lines.length; index++) {
    if (importLines.has(index)) continue;
    const line = lines[index]!;
    if (/^\s*(?:\/\/|\*|\/\*)/.test(line)) continue;
    pattern.lastIndex = 0;
    const usedHere = new Set<string>();
    for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
      const name = match[1]!;
      if (usedHere.has(name)) continue;
      usedHere.add(name);
      // `const { hasAccess, getUser: load } = Helper`: each name taken out is a member used here.
      const destructured = match[2] ? undefined : (DESTRUCTURING.exec(line.slice(0, match.index)) ?? destructuredAbove(lines, index, line.slice(0, match.index)));
      if (destructured) {
        const members = destructured[1]!.split(',').map((part) => part.split(':')[0]!.replace(/^\s*\.\.\./, '').trim()).filter((part) => /^[\w$]+$/.test(part));
        for (const member of members) {
          const use = { line: index + 1, column: match.index + 1, member, tail: line.slice(match.index, match.index + 160) };
          for (const binding of byName.get(name)!) if (binding.uses.length < MAX_USES) binding.uses.push(use);
        }
        continue;
      }
      const use = { line: index + 1, column: match.index + 1, member: match[2], ...(match[3] ? { next: match[3] } : {}), tail: line.slice(match.index, match.index + 160), options: match[2] ? undefined : trailingOptions(lines, index, match.index + match[0].length), constructed: /\bnew\s+$/.test(line.slice(0, match.index)), element: line[match.index - 1] === '<', handedToHook: /\buse[A-Z][\w$]*\s*\(\s*$/.test(line.slice(0, match.index)), inherited: /\bclass\s+[\w$]+.*\b(?:extends|implements)\s+[^{]*$/.test(line.slice(0, match.index)) };
      for (const binding of byName.get(name)!) if (binding.uses.length < MAX_USES) binding.uses.push(use);
    }
  }
}

const MAX_CALL_CHARS = 20_000;

/**
 * The text of a call's last argument when it is an object literal following other arguments, for
 * a call that starts at `column` of line `index` (the name just read); undefined otherwise. Strings
 * are skipped so their brackets do not count.
 */
function trailingOptions(lines: string[], index: number, column: number): string | undefined {
  const first = lines[index]!.slice(column);
  if (!/^\s*\(/.test(first) && !(first.trim() === '' && /^\s*\(/.test(lines[index + 1] ?? ''))) return undefined;
  let text = first;
  for (let next = index + 1; next < lines.length && text.length < MAX_CALL_CHARS && next - index < 400; next++) text += '\n' + lines[next];
  let depth = 0;
  const commas: number[] = [];
  let quote = '';
  for (let at = text.indexOf('('); at < text.length; at++) {
    const char = text[at]!;
    if (quote) {
      if (char === '\\') at++;
      else if (char === quote) quote = '';
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) {
        // A trailing comma leaves an empty last segment: the argument is the one before it.
        const segments = [...commas, at].map((end, position, ends) => text.slice((position === 0 ? commas[0]! : ends[position - 1]!) + 1, end).trim()).slice(1);
        const last = segments.filter((segment) => segment !== '').pop() ?? '';
        return commas.length > 0 && last.startsWith('{') ? last : undefined;
      }
    } else if (char === ',' && depth === 1) commas.push(at);
  }
  return undefined;
}

/** For each declaration, the other top-level names used inside it (one regex pass). */
export function noteReferences(lines: string[], declarations: LinkDeclaration[]): void {
  const names = [...new Set(declarations.filter((declaration) => !declaration.name.includes('.') && declaration.name !== 'default').map((declaration) => declaration.name))];
  if (names.length === 0 || names.length > 400) return;
  const pattern = new RegExp(`(?<![\\w$.])(${names.map((name) => name.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`, 'g');
  const methods = new Set(declarations.filter((declaration) => declaration.name.includes('.')).map((declaration) => declaration.name));
  for (const declaration of declarations) {
    if (declaration.name.includes('.')) {
      noteSiblingCalls(lines, declaration, methods);
      continue;
    }
    const refs = new Set<string>();
    for (let index = declaration.line - 1; index < declaration.end && index < lines.length; index++) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(lines[index]!); match !== null; match = pattern.exec(lines[index]!)) {
        if (match[1] !== declaration.name) refs.add(match[1]!);
      }
    }
    if (refs.size) declaration.refs = [...refs];
  }
}

/** A method calling another method of its class or object (`this.check(`, `Service.check(`) is built from it. */
function noteSiblingCalls(lines: string[], method: LinkDeclaration, methods: Set<string>): void {
  const owner = method.name.slice(0, method.name.indexOf('.'));
  const call = new RegExp(`(?<![\\w$.])(?:this|${owner.replace(/\$/g, '\\$')})\\s*\\.\\s*([\\w$]+)\\s*\\(`, 'g');
  const refs = new Set<string>();
  for (let index = method.line; index < method.end && index < lines.length; index++) {
    call.lastIndex = 0;
    for (let match = call.exec(lines[index]!); match !== null; match = call.exec(lines[index]!)) {
      const sibling = `${owner}.${match[1]}`;
      if (sibling !== method.name && methods.has(sibling)) refs.add(sibling);
    }
  }
  if (refs.size) method.refs = [...refs];
}

/**
 * Data, routers composed of routes (`router({...})`, `new Hono()`) and tRPC procedures
 * (`authenticatedProcedure.input(...).query(...)`): using one mounts it, it calls nothing.
 */
const VALUE_INITIALIZER =
  /=\s*(?:\{|\[|['"`]|\d|true\b|false\b|null\b|new\s+Map\b|new\s+Set\b|new\s+(?:Hono|Router|Elysia)\b|(?:[\w$]+\.)?(?:router|createTRPCRouter|createRouter|Router|mergeRouters)\s*[(<]|[\w$]*[pP]rocedure\s*(?:$|\.))|:\s*[\w$.<>[\], ]+\s*=\s*\{/;

function kindOf(line: string, isClass: boolean): LinkDeclaration['kind'] {
  if (isClass) return 'class';
  if (/^(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:const|let|var)\s/.test(line) && VALUE_INITIALIZER.test(line)) return 'value';
  if (/^(?:module\.)?exports(?:\.[\w$]+)?\s*=\s*\{/.test(line)) return 'value';
  return 'callable';
}

/** Net count of opening minus closing brackets on a line, strings and line comments left out. */
function bracketDelta(line: string): number {
  let delta = 0;
  let quote = 0;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (quote) {
      if (code === 92) index++;
      else if (code === quote) quote = 0;
      continue;
    }
    if (code === 39 || code === 34 || code === 96) quote = code;
    else if (code === 123 || code === 40 || code === 91) delta++;
    else if (code === 125 || code === 41 || code === 93) delta--;
    else if (code === 47 && line.charCodeAt(index + 1) === 47) break;
  }
  return delta;
}

function collectDeclarations(lines: string[]): LinkDeclaration[] {
  const declarations: LinkDeclaration[] = [];
  const defaults = new Set<string>();
  let open: LinkDeclaration | undefined;
  let openClass: LinkDeclaration | undefined;
  let openMethod: LinkDeclaration | undefined;
  let depth = 0;
  const closeAll = (end: number) => {
    for (const declaration of [openMethod, open]) if (declaration) declaration.end = Math.max(declaration.line, end);
    open = openClass = openMethod = undefined;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    const exported = DEFAULT_EXPORT.exec(line);
    if (exported) defaults.add((exported[1] ?? exported[2])!);
    const top = TOP_DECLARATION.exec(line);
    const commonjs = top ? undefined : COMMONJS_EXPORT.exec(line);
    const anonymousDefault = !top && !commonjs && /^(?:export\s+default|module\.exports\s*=)\s*(?:async\s+)?(?:function|class|\(|\{|[\w$]+\s*=>)/.test(line);
    if (top || commonjs || anonymousDefault) {
      closeAll(lineNumber - 1);
      const name = top ? (top[2] ?? top[3] ?? top[4])! : commonjs ? commonjs[1]! : 'default';
      const container = !top?.[3] && OBJECT_CONTAINER.test(line);
      open = { name, line: lineNumber, end: lines.length, isDefault: Boolean(top?.[1]) || anonymousDefault, kind: container ? 'value' : kindOf(line, Boolean(top?.[3])) };
      declarations.push(open);
      // A class's methods, and an object literal's: each is a function of its own (`Service.getUser`).
      openClass = top?.[3] || container ? open : undefined;
      depth = bracketDelta(line);
      if (depth <= 0 && !/(?:=>|[=,(?:|&+\-])\s*$/.test(line)) closeAll(lineNumber);
      continue;
    }
    if (!open) continue;
    if (openClass && /^\s{1,4}\S/.test(line)) {
      const method = METHOD.exec(line) ?? (openClass.kind === 'value' ? PROPERTY_FUNCTION.exec(line) : null);
      if (method && !NOT_METHOD.has(method[1]!) && !/;\s*$/.test(line)) {
        if (openMethod) openMethod.end = lineNumber - 1;
        openMethod = { name: `${openClass.name}.${method[1]}`, line: lineNumber, end: lines.length };
        declarations.push(openMethod);
      }
    }
    depth += bracketDelta(line);
    if (depth <= 0 && /^[)}\]]/.test(line)) closeAll(lineNumber);
  }
  for (const declaration of declarations) if (defaults.has(declaration.name)) declaration.isDefault = true;
  return declarations;
}
