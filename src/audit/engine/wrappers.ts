import { join, posix } from 'node:path';
import type { Category } from '../categories.js';
import { extractLinks, type FileLinks, type ImportUse, type LinkDeclaration, type LinkImport } from '../js/links.js';
import type { Finding } from '../report.js';
import type { FileResult } from './file-result.js';
import { readSource } from './read-source.js';

/**
 * Follows the app's own auth wrappers: a top-level function, class or method whose body holds a
 * library touchpoint (jwt.verify, bcrypt.compare, a session call...) is itself that touchpoint,
 * and every file that imports and uses it is the next ring. A wrapper of a wrapper counts too, up
 * to MAX_DEPTH functions away from the library call, with falling confidence.
 */
export const WRAPPER_RULE_IDS = { javascript: 'js.app.auth-wrapper', python: 'python.app.auth-wrapper' } as const;

const MAX_DEPTH = 3;
/** Categories a caller inherits: what the wrapped call does. Data model, config and route names stay where they are. */
const INHERITED = new Set<Category>([
  'signup', 'login', 'session-middleware', 'token-issuance', 'refresh-token', 'rbac', 'email-verification',
  'password-reset', 'logout', 'password-hashing', 'oauth-provider', 'mfa', 'api-key',
]);
const NOT_SEEDS = /route\.auth-path|routes?\.|secret\.hard-coded|env\.|\.app\.auth-wrapper|session-user|current-user|client\.token-storage/;
const ROLE_NAME = /admin|role|permission|staff|superuser|owner|hasAuthorization|authorizes?(?:Owner|Access|Resource)/i;
/**
 * A password or second-factor check is a sign-in only where the caller signs someone in; elsewhere it
 * re-checks a signed-in user (before a password change, an account deletion, signing a document) and the
 * migration does not move it. Tested against the caller's file path and enclosing function name.
 */
const SIGN_IN_FLOWS: ReadonlyArray<[Category, RegExp]> = [
  ['login', /log_?in|sign_?in|authenticat|credential|passport|strateg/i],
  ['mfa', /log_?in|sign_?in|authenticat|mfa|2fa|two_?factor|otp|passkey|webauthn/i],
];
/**
 * The app's logout handler called from code about something else (a page that ends the session of a
 * user deleted meanwhile) is an error path: the logout flow migrates where it is written, not there.
 * Tested against the caller's file path and enclosing function name; route files register the handler.
 */
const LOGOUT_CALLER = /log_?out|sign_?out|log_?off|sign_?off|session|auth|rout/i;
const ISSUED = new Set<Category>(['token-issuance', 'refresh-token']);
const NAMED_FLOW = /\.flow\.function-name$/;
/** A React hook named for data, not for auth (`useTeamInvoices`, not `useAuth`, `useRequireSession`, `useCurrentUser`). */
const DATA_HOOK = /^use(?![A-Za-z]*(?:Auth|Session|Login|Logout|User|Guard|Protect|Require|Redirect|Admin|Role|Permission|Token))[A-Z]\w*$/;
/** A guard's options asking for roles or permissions (`{ requiredPermissions: [...] }`, `{ roles: ['admin'] }`). */
const ROLE_OPTION = /(?:^|[{,\s])(?:required|allowed)?(?:permissions?|roles?|scopes?)\s*:/i;
const ROLE_ARGUMENT = /^[\w$.]+\s*\(\s*[^)]*\b[\w$.]*(?:admin|role|superuser|permission|scope)[\w$]*/i;
const JS_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

interface Symbol {
  kind?: LinkDeclaration['kind'];
  categories: Set<Category>;
  depth: number;
  file: string;
  name: string;
}

export function followWrappers(results: readonly FileResult[], root: string): Finding[] {
  const linked = results.filter((result) => result.links || result.linkSummary);
  if (linked.length === 0) return [];
  const resolver = new ModuleResolver(linked.map((result) => result.file));
  const symbols = new Map<string, Symbol>();
  const links = new FullLinks(root, linked, resolver);
  const declarationsOf = { get: (file: string) => links.of(file)?.declarations };
  const namesOf = { get: (file: string) => links.names(file) };
  const reexportsOf = { get: (file: string) => (links.reexports(file) ? links.of(file)?.reexports : undefined) };
  /** The file that declares `name` when `file` only re-exports it (barrel `index.ts`), a few barrels deep. */
  const declaringFile = (file: string, name: string, hops = 0): string => {
    if (hops > 3 || namesOf.get(file)?.has(name)) return file;
    for (const reexport of reexportsOf.get(file) ?? []) {
      const original = reexport.names === '*' ? name : reexport.names[name];
      if (!original) continue;
      const next = resolver.resolve(file, reexport.from);
      if (!next) continue;
      const found = declaringFile(next, original, hops + 1);
      if (namesOf.get(found)?.has(original)) return found;
    }
    return file;
  };
  for (const result of linked) seed(result, symbols, () => links.of(result.file)!.declarations);

  const present = new Map<string, Set<Category>>();
  const emitted: Finding[] = [];
  for (let round = 1; round <= MAX_DEPTH; round++) {
    let grew = false;
    // Only symbols of the previous round are passed on in this one: files importing none of their files are skipped.
    const wrapperFiles = new Set([...symbols.values()].filter((symbol) => symbol.depth === round - 1).map((symbol) => symbol.file));
    // A barrel counts when what it passes on comes from such a file (as far as declaringFile looks).
    const barrels = new Map<string, boolean>();
    const passesOnWrapper = (file: string, hops = 0): boolean => {
      if (hops > 3 || !links.reexports(file)) return false;
      const key = `${hops}\0${file}`;
      if (!barrels.has(key)) {
        barrels.set(key, false);
        const found = (links.of(file)?.reexports ?? []).some((reexport) => {
          const next = resolver.resolve(file, reexport.from);
          return next !== undefined && (wrapperFiles.has(next) || passesOnWrapper(next, hops + 1));
        });
        barrels.set(key, found);
      }
      return barrels.get(key)!;
    };
    const importsWrapper = (result: FileResult) =>
      links.specifiers(result).some((specifier) => {
        const resolved = resolver.resolve(result.file, specifier);
        return resolved !== undefined && resolved !== result.file && (wrapperFiles.has(resolved) || passesOnWrapper(resolved));
      });
    /** The file declaring what a use of an import names: past a barrel, the file the name comes from. */
    const targetOf = (resolved: string, binding: LinkImport, use: ImportUse) => {
      const exported = binding.imported === '*' ? use.member : binding.imported;
      return exported && exported !== 'default' && reexportsOf.get(resolved)?.length ? declaringFile(resolved, exported) : resolved;
    };
    const symbolOf = (target: string, binding: LinkImport, use: ImportUse) => lookup(symbols, () => declarationsOf.get(target) ?? [], target, binding, use.member, use.next);
    /** Whether the function around a use (the file, at top level) also issues a token or opens a session: then a check there signs in. */
    const issuesCredentials = (result: FileResult, around: LinkDeclaration | undefined) => {
      const inside = (line: number) => !around || (line >= around.line && line <= around.end);
      const direct = (finding: Finding) => (ISSUED.has(finding.category) || finding.category === 'login') && !NAMED_FLOW.test(finding.ruleId) && !NOT_SEEDS.test(finding.ruleId);
      if (result.findings.some((finding) => direct(finding) && inside(finding.line))) return true;
      return links.of(result.file)!.imports.some((binding) => {
        const resolved = resolver.resolve(result.file, binding.from);
        if (!resolved || resolved === result.file) return false;
        return binding.uses.some((use) => {
          if (!inside(use.line)) return false;
          const symbol = symbolOf(targetOf(resolved, binding, use), binding, use);
          return symbol !== undefined && [...symbol.categories].some((category) => ISSUED.has(category));
        });
      });
    };
    for (const result of linked) {
      if (!importsWrapper(result)) continue;
      for (const binding of links.of(result.file)!.imports) {
        const resolved = resolver.resolve(result.file, binding.from);
        if (!resolved || resolved === result.file) continue;
        for (const use of binding.uses) {
          const target = targetOf(resolved, binding, use);
          if (!wrapperFiles.has(target)) continue;
          const symbol = symbolOf(target, binding, use);
          if (!symbol || symbol.depth !== round - 1 || symbol.kind === 'value' || use.element || use.handedToHook) continue;
          // A class named as a type or in a providers list is not a call into it: only `new X()` / `X()`,
          // a method call or inheriting from it (a mixin with its guards) is. ORM models never pass anything on.
          if (symbol.kind === 'class' && !use.inherited && (!use.constructed || use.member)) continue;
          const enclosing = innermost(declarationsOf.get(result.file) ?? [], use.line);
          const categories = new Set(symbol.categories);
          for (const [category, flow] of SIGN_IN_FLOWS) {
            if (categories.has(category) && !flow.test(`${result.file} ${enclosing?.name ?? ''}`) && !issuesCredentials(result, enclosing)) categories.delete(category);
          }
          // A permission check inside a business function (set a new password if the policy allows it) is
          // that function's caller's concern; further out, rbac passes on only through functions named for roles.
          if (round > 1 && categories.has('rbac') && !ROLE_NAME.test(symbol.name)) categories.delete('rbac');
          if (categories.has('logout') && !LOGOUT_CALLER.test(`${result.file} ${enclosing?.name ?? ''}`)) categories.delete('logout');
          if (categories.size === 0) continue;
          if (categories.has('session-middleware') && (ROLE_ARGUMENT.test(use.tail) || (use.options !== undefined && ROLE_OPTION.test(use.options)))) categories.add('rbac');
          const seen = present.get(result.file) ?? new Set<Category>();
          present.set(result.file, seen);
          for (const category of categories) {
            if (seen.has(category)) continue;
            seen.add(category);
            emitted.push({
              ruleId: result.file.endsWith('.py') ? WRAPPER_RULE_IDS.python : WRAPPER_RULE_IDS.javascript,
              category,
              file: result.file,
              line: use.line,
              column: use.column,
              message: `Uses ${symbol.name} from ${symbol.file}, the app's own ${category} code: it changes with the migration`,
              confidence: round === 1 ? 'medium' : 'low',
            });
          }
          if (enclosing && round < MAX_DEPTH) grew = widen(symbols, declarationsOf.get(result.file) ?? [], result.file, enclosing.name, enclosing.kind, categories, round) || grew;
        }
      }
    }
    if (!grew) break;
  }
  return emitted;
}

function seed(result: FileResult, symbols: Map<string, Symbol>, declarationsOf: () => LinkDeclaration[]): void {
  const seeds = result.findings.filter((finding) => INHERITED.has(finding.category) && finding.confidence !== 'low' && !NOT_SEEDS.test(finding.ruleId));
  if (seeds.length === 0) return;
  const declarations = declarationsOf();
  const found = new Map<string, Set<Category>>();
  for (const declaration of declarations) {
    // A flow found by a function's name describes that function, not the hook or class around it.
    const inside = seeds.filter((finding) => finding.line >= declaration.line && finding.line <= declaration.end && (!NAMED_FLOW.test(finding.ruleId) || finding.line === declaration.line));
    const passed = inside.length ? passedOn(new Set(inside.map((finding) => finding.category)), declaration.name) : undefined;
    if (passed?.size) found.set(declaration.name, passed);
  }
  // `export const guarded = procedure.use(checkSession)`: a declaration built from another one of the file inherits it.
  for (let pass = 0; pass < 2; pass++) {
    for (const declaration of declarations) {
      for (const source of declaration.refs ?? []) {
        const inherited = found.get(source);
        if (!inherited) continue;
        found.set(declaration.name, passedOn(new Set([...(found.get(declaration.name) ?? []), ...inherited]), declaration.name));
      }
    }
  }
  const kinds = new Map(declarations.map((declaration) => [declaration.name, declaration.kind]));
  for (const [name, categories] of found) symbols.set(`${result.file}#${name}`, { categories, depth: 0, file: result.file, name, kind: kinds.get(name) });
}

/**
 * What a caller inherits: a guard makes its callers guarded routes (only that, plus rbac when the
 * guard is named for a role: `adminMiddleware`, `requireRole`); a password check makes its callers
 * logins (the stored hash stays the callee's business); anything else passes on as is.
 */
function passedOn(categories: Set<Category>, name = ''): Set<Category> {
  if (categories.has('login') && categories.has('password-hashing')) {
    categories = new Set(categories);
    categories.delete('password-hashing');
  }
  if (!categories.has('session-middleware')) return categories;
  // A data hook (`useProjects`) reads the session to fetch with it: a read, and its components are not guarded by it.
  if (DATA_HOOK.test(name)) return new Set();
  const kept = new Set<Category>(['session-middleware']);
  if (ROLE_NAME.test(name)) kept.add('rbac');
  return kept;
}

/**
 * Gives `name` of `file` the categories of a wrapper it calls. A symbol that gains categories is
 * looked at again in the next round (its callers get the new ones), and so are the declarations
 * of the file built from it (`export const adminProcedure = procedure.use(adminMiddleware)`).
 */
function widen(symbols: Map<string, Symbol>, declarations: readonly LinkDeclaration[], file: string, name: string, kind: LinkDeclaration['kind'], categories: Set<Category>, depth: number): boolean {
  const key = `${file}#${name}`;
  const known = symbols.get(key);
  // What the symbol passes on is decided over all it wraps: a guard that also calls a permission helper
  // (only when a route asks for one) stays a guard, and a call asking for roles adds rbac where it is made.
  const passed = passedOn(new Set([...(known?.categories ?? []), ...categories]), name);
  if (passed.size === 0) return false;
  let grew = false;
  if (known) {
    grew = [...passed].some((category) => !known.categories.has(category));
    known.categories = passed;
    if (grew) known.depth = depth;
  } else {
    symbols.set(key, { categories: passed, depth, file, name, kind: name.includes('.') ? 'callable' : kind });
    grew = true;
    const owner = name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined;
    if (owner && !symbols.has(`${file}#${owner}`)) symbols.set(`${file}#${owner}`, { categories: passedOn(categories, owner), depth, file, name: owner, kind: 'class' });
  }
  if (!grew) return false;
  for (const declaration of declarations) {
    if (declaration.refs?.includes(name)) widen(symbols, declarations, file, declaration.name, declaration.kind, symbols.get(key)!.categories, depth);
  }
  return true;
}

function lookup(symbols: Map<string, Symbol>, declarations: () => readonly LinkDeclaration[], target: string, binding: LinkImport, member: string | undefined, next?: string): Symbol | undefined {
  const get = (name: string | undefined) => (name ? symbols.get(`${target}#${name}`) : undefined);
  if (binding.imported === '*') return member ? get(member) : get(declarations().find((declaration) => declaration.isDefault)?.name);
  const name = binding.imported === 'default' ? declarations().find((declaration) => declaration.isDefault)?.name : binding.imported;
  if (!name) return undefined;
  if (member) {
    const method = get(`${name}.${member}`);
    if (method) return method;
    // `export default { ...callbackifyAll(Service), promises: Service }`: the members are those of the objects it is built from.
    const declaration = declarations().find((candidate) => candidate.name === name);
    if (declaration?.kind === 'value') {
      for (const source of declaration.refs ?? []) {
        // `{ promises: { getUser } }` / `{ getUser }`: a top-level function of the file passed on by name.
        const named = source === member || source === next ? get(source) : undefined;
        const passed = named ?? get(`${source}.${member}`) ?? (next ? get(`${source}.${next}`) : undefined);
        if (passed) return passed;
      }
    }
    const owner = get(name);
    return owner?.kind === 'class' ? undefined : owner;
  }
  return get(name);
}

function innermost(declarations: readonly LinkDeclaration[], line: number): LinkDeclaration | undefined {
  let best: LinkDeclaration | undefined;
  for (const declaration of declarations) {
    if (line < declaration.line || line > declaration.end) continue;
    if (!best || declaration.line >= best.line) best = declaration;
  }
  return best;
}

/**
 * Full links by file: Python's came with the results; a JS/TS file's are extracted from the file
 * read again, the first time they are asked for (only files that import a wrapper, wrappers and barrels).
 */
class FullLinks {
  private readonly byFile: Map<string, FileResult>;
  private readonly extracted = new Map<string, FileLinks | undefined>();
  private readonly declaredNames = new Map<string, Set<string>>();

  constructor(private readonly root: string, results: readonly FileResult[], private readonly resolver: ModuleResolver) {
    this.byFile = new Map(results.map((result) => [result.file, result]));
  }

  of(file: string): FileLinks | undefined {
    const result = this.byFile.get(file);
    if (!result) return undefined;
    if (result.links) return result.links;
    if (!this.extracted.has(file)) {
      const source = readSource(join(this.root, file), file, Number.MAX_SAFE_INTEGER);
      // Imports that resolve to no file of the app can never lead to a wrapper: their uses are not looked for.
      const inApp = (specifier: string) => this.resolver.resolve(file, specifier) !== undefined;
      this.extracted.set(file, source.skipped ? { imports: [], declarations: [] } : extractLinks(source.text, inApp));
    }
    return this.extracted.get(file);
  }

  names(file: string): Set<string> | undefined {
    if (!this.byFile.has(file)) return undefined;
    let names = this.declaredNames.get(file);
    if (!names) this.declaredNames.set(file, (names = new Set(this.of(file)!.declarations.map((declaration) => declaration.name))));
    return names;
  }

  specifiers(result: FileResult): readonly string[] {
    return result.linkSummary?.specifiers ?? result.links?.imports.map((binding) => binding.from) ?? [];
  }

  reexports(file: string): boolean {
    const result = this.byFile.get(file);
    return result?.linkSummary ? result.linkSummary.reexports : (result?.links?.reexports?.length ?? 0) > 0;
  }
}

/** Maps an import specifier to a file of the app: relative paths, `@/` `~/` aliases, workspace packages, Python modules. */
class ModuleResolver {
  private readonly byStem = new Map<string, string>();
  private readonly stemsByName = new Map<string, string[]>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(files: readonly string[]) {
    for (const file of files) {
      const stem = file.replace(/\.[^./]+$/, '');
      if (!this.byStem.has(stem)) this.byStem.set(stem, file);
      const index = /^(.*)\/(?:index|__init__)$/.exec(stem);
      if (index && !this.byStem.has(index[1]!)) this.byStem.set(index[1]!, file);
    }
    for (const stem of this.byStem.keys()) {
      const name = stem.slice(stem.lastIndexOf('/') + 1);
      this.stemsByName.set(name, [...(this.stemsByName.get(name) ?? []), stem]);
    }
  }

  resolve(from: string, specifier: string): string | undefined {
    const python = from.endsWith('.py');
    const key = `${posix.dirname(from)}\0${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const found = python ? this.python(from, specifier) : this.javascript(from, specifier);
    this.cache.set(key, found);
    return found;
  }

  private javascript(from: string, specifier: string): string | undefined {
    if (specifier.startsWith('.')) return this.exact(posix.normalize(posix.join(posix.dirname(from), specifier)));
    const bare = specifier.replace(/^[@~#]\/?/, '');
    const segments = bare.split('/');
    return this.bySuffix(bare, from) ?? (segments.length > 1 ? this.bySuffix(segments.slice(1).join('/'), from) : undefined);
  }

  private python(from: string, specifier: string): string | undefined {
    const dots = /^\.*/.exec(specifier)![0].length;
    const path = specifier.slice(dots).replace(/\./g, '/');
    if (dots > 0) {
      let base = posix.dirname(from);
      for (let up = 1; up < dots; up++) base = posix.dirname(base);
      return this.exact(path ? posix.join(base, path) : base);
    }
    return this.bySuffix(path, from);
  }

  private exact(stem: string): string | undefined {
    const clean = stem.replace(/\.(?:[cm]?js|jsx)$/, '');
    return this.byStem.get(clean) ?? this.byStem.get(stem) ?? JS_EXTENSIONS.map((extension) => this.byStem.get(clean + extension)).find(Boolean);
  }

  private bySuffix(path: string, from: string): string | undefined {
    const clean = path.replace(/\.(?:[cm]?js|jsx)$/, '');
    if (!clean) return undefined;
    const candidates = this.stemsByName.get(clean.slice(clean.lastIndexOf('/') + 1)) ?? [];
    const matches = candidates.filter((stem) => stem === clean || stem.endsWith('/' + clean));
    if (matches.length <= 1) return matches[0] ? this.byStem.get(matches[0]) : undefined;
    // Several packages have that path: take the one closest to the importing file.
    const shared = (stem: string) => {
      let length = 0;
      while (length < stem.length && stem[length] === from[length]) length++;
      return length;
    };
    return this.byStem.get(matches.sort((a, b) => shared(b) - shared(a))[0]!);
  }
}
