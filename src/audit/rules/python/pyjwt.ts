import { patternRule } from '../../text/kit.js';
import type { TextRuleContext } from '../types.js';

function algorithms(line: string): string[] {
  const match = /algorithms?\s*=\s*\[?([^\])]+)/.exec(line);
  return match ? [...match[1]!.matchAll(/['"]([A-Z]{2}\d{3}|EdDSA|none)['"]/g)].map((entry) => entry[1]!) : [];
}

function secret(line: string): { kind: 'env'; name: string } | { kind: 'literal' } | undefined {
  const env = /os\.(?:environ(?:\.get)?\s*[[(]\s*|getenv\s*\(\s*)['"](\w+)['"]/.exec(line) ?? /settings\.(\w*SECRET\w*)/.exec(line);
  if (env) return { kind: 'env', name: env[1]! };
  if (/jwt\.(?:en|de)code\s*\([^,]+,\s*['"]/.test(line)) return { kind: 'literal' };
  return undefined;
}

function record(operation: 'sign' | 'verify' | 'decode', match: RegExpExecArray, context: TextRuleContext): void {
  const line = context.text.split(/\r?\n/)[context.line - 1] ?? '';
  const source = secret(line);
  context.facts.jwt({ library: 'PyJWT', operation, algorithms: algorithms(line), ...(source ? { secret: source } : {}) }, { line: context.line, column: match.index + 1 });
}

export default patternRule({
  id: 'python.pyjwt.token',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['jwt.encode', 'jwt.decode'],
  requires: /^\s*(?:import\s+jwt\b|from\s+jwt\b|from\s+jose\b.*\bjwt\b)/m,
  patterns: [
    { pattern: /\bjwt\.encode\s*\(/, category: 'token-issuance', message: 'Issues a legacy JWT (PyJWT): Scalekit issues tokens after the switch; save a sample token for the backup checklist', fact: (match, context) => record('sign', match, context) },
    {
      // A provider's ID token read during an OAuth/OIDC login is part of that login, not the app's own token check.
      pattern: /\bjwt\.decode\s*\(\s*(?:jwt\s*=\s*)?\w*id_token\b/,
      category: 'oauth-provider',
      message: 'Reads an OAuth/OIDC provider ID token (PyJWT): the provider login moves to a Scalekit connection',
      fact: (match, context) => record('decode', match, context),
    },
    { pattern: /\bjwt\.decode\s*\((?!\s*(?:jwt\s*=\s*)?\w*id_token\b)/, category: 'session-middleware', message: 'Verifies a legacy JWT (PyJWT): make this check accept Scalekit tokens (dual mode)', fact: (match, context) => record('verify', match, context) },
  ],
});
