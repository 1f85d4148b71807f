import { authPathCategory } from '../shared/auth-paths.js';

/**
 * Rule gates: tests on a file's raw text that a rule cannot report without passing, cheap next to
 * parsing it. Each is a superset of what the rule's handlers accept, so a gate never loses a finding.
 */

/**
 * A test for whole identifiers matching any of these anchored name patterns (`^(?:login|signIn)$`,
 * or `(?:^|\.)(?:verifyEmail)$` for a call chain's last member), anywhere in the text.
 */
export function namesGate(patterns: readonly RegExp[]): ((text: string) => boolean) & { source: string } {
  const sources = patterns.map((pattern) =>
    pattern.source
      .replace(/\(\?:\^\|\\\.\)/g, '')
      .replace(/\$/g, '(?![\\w$])')
      .replace(/\^/g, '(?<![\\w$])'),
  );
  const regex = new RegExp(`(?:${sources.map((source) => `(?:${source})`).join('|')})`);
  return Object.assign((text: string) => regex.test(text), { source: regex.source });
}

/** A string literal, or the literal tail of a template or concatenation, starting with `/` (a route or URL path). */
const PATH_STRING = /['"`}](\/[^'"`\n$]*)/g;

/** Whether the text has a path string that names an auth flow (`'/login'`, `` `${base}/reset-password` ``). */
export function hasAuthPathString(text: string): boolean {
  PATH_STRING.lastIndex = 0;
  for (let match = PATH_STRING.exec(text); match !== null; match = PATH_STRING.exec(text)) {
    if (authPathCategory(match[1]!)) return true;
  }
  return false;
}

const ENV_READ = /(?:process|Bun|import\.meta)\.env\s*(?:[?!]?\.\s*|\[\s*['"`])([A-Za-z_]\w*)|Deno\.env\.get\(\s*['"`](\w+)/g;

/** Whether the text reads an environment variable whose name `accepts` (an auth setting or secret). */
export function readsEnvNamed(text: string, accepts: (name: string) => boolean): boolean {
  ENV_READ.lastIndex = 0;
  for (let match = ENV_READ.exec(text); match !== null; match = ENV_READ.exec(text)) {
    if (accepts(match[1] ?? match[2]!)) return true;
  }
  return false;
}

/**
 * Like namesGate, but only where such a name is declared as a function or method (`function login`,
 * `login(dto) {`, `const login = async (`, `login: (`, `exports.login =`), not where it is only
 * called (`register('email')` of a form library); and classes named by `classNames` (`class LoginForm`).
 */
export function declaredNamesGate(names: readonly RegExp[], classNames: readonly RegExp[] = []): (text: string) => boolean {
  const anchored = new RegExp(`^(?:${names.map((pattern) => pattern.source.replace(/\(\?:\^\|\\\.\)/g, '')).map((source) => `(?:${source})`).join('|')})`);
  return (text) => {
    IDENTIFIER.lastIndex = 0;
    for (let match = IDENTIFIER.exec(text); match !== null; match = IDENTIFIER.exec(text)) {
      if (!anchored.test(match[0])) continue;
      const before = text.slice(Math.max(0, match.index - 60), match.index);
      const after = text.slice(match.index + match[0].length, match.index + match[0].length + 120);
      if (DECLARED_BEFORE.test(before) || DECLARED_AFTER.test(after) || (METHOD_BEFORE.test(before) && METHOD_AFTER.test(after))) return true;
    }
    if (classNames.length === 0) return false;
    CLASS_DECLARATION.lastIndex = 0;
    for (let match = CLASS_DECLARATION.exec(text); match !== null; match = CLASS_DECLARATION.exec(text)) {
      if (classNames.some((pattern) => pattern.test(match![1]!))) return true;
    }
    return false;
  };
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const DECLARED_BEFORE = /(?:function\s*\*?\s*|exports\s*\.\s*)$/;
const DECLARED_AFTER = /^\s*(?::[^=;\n]*)?=\s*(?:async\b|function\b|\(|<|[\w$]+\s*=>)|^\s*:\s*(?:async\b|function\b|\(|<)/;
const METHOD_BEFORE = /(?:^|\n)[ \t]*(?:(?:public|private|protected|static|async|override|get|set)\s+)*\*?\s*$/;
const METHOD_AFTER = /^\s*(?:<[^>\n]*>)?\s*\(/;
const CLASS_DECLARATION = /\bclass\s+([\w$]+)/g;
