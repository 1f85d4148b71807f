import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { Finding } from '../audit/report.js';
import { authBindings } from './edit/call-sites.js';
import type { CodemodMode } from './options.js';
import type { FollowUp } from './result.js';
import { WIRING_RULES } from './wiring-rules.js';

export { WIRING_RULES };

/** Session plumbing (session stores, passport's session restore): the legacy path of session apps, kept in dual mode. */
const SESSION_PLUMBING = new Set(['js.express-session.middleware', 'js.passport.session', 'js.cookie-session.middleware', 'js.koa.session', 'js.iron-session.session']);
const SESSION_MESSAGES = {
  dual: 'legacy session plumbing: it keeps existing logins working in dual mode; remove it once logins go through Scalekit (before the codemod\'s scalekit mode)',
  scalekit: 'legacy session plumbing still restores legacy logins into req.user: remove it (and the login routes that create those sessions) so only Scalekit tokens authenticate',
} as const;

const INFORMATIONAL: Record<string, { kind: FollowUp['kind']; dual: string; scalekit: string }> = {
  'token-issuance': {
    kind: 'token-issuance',
    dual: 'issues legacy tokens: legacy logins keep working in dual mode; move the login to Scalekit (loginUrl, exchangeCode in the generated client module) and keep this until the switch',
    scalekit: 'still issues legacy tokens, which are refused now: replace this login with loginUrl/exchangeCode from the generated client module, then remove it',
  },
  login: {
    kind: 'login-routes',
    dual: 'legacy login: redirect to loginUrl(...) and handle the callback with exchangeCode(...) from the generated client module',
    scalekit: 'legacy login: tokens it issues are refused now; redirect to loginUrl(...) and use exchangeCode(...) in the callback',
  },
  logout: {
    kind: 'logout',
    dual: 'logout: after clearing the app\'s cookies, redirect the browser to logoutUrl({ idToken, postLogoutRedirectUri }) so the Scalekit session ends too',
    scalekit: 'logout: redirect the browser to logoutUrl({ idToken, postLogoutRedirectUri }) after clearing the app\'s cookies',
  },
  'refresh-token': {
    kind: 'refresh',
    dual: 'legacy refresh: Scalekit sessions refresh with refreshTokens(refreshToken) from the generated client module (store the rotated refresh token)',
    scalekit: 'legacy refresh tokens are useless now: refresh with refreshTokens(refreshToken) from the generated client module',
  },
};

/**
 * The audit findings the transforms did not settle, as follow-ups: every legacy validation point is
 * either rewritten or listed. Login, issuance, logout and refresh points are listed once per file.
 */
export function followUpsForFindings(findings: readonly Finding[], settled: Map<string, Set<string>>, mode: CodemodMode, doneAt: ReadonlySet<string> = new Set()): FollowUp[] {
  const everywhere = settled.get('*') ?? new Set<string>();
  const followUps: FollowUp[] = [];
  const perFile = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings) {
    if (finding.category === 'session-middleware' && SESSION_PLUMBING.has(finding.ruleId)) {
      followUps.push({ file: finding.file, line: finding.line, kind: 'session', ruleId: finding.ruleId, message: `${SESSION_MESSAGES[mode]} (${finding.message})` });
      continue;
    }
    if (finding.category === 'session-middleware' || finding.category === 'rbac') {
      if (WIRING_RULES.has(finding.ruleId) || everywhere.has(finding.ruleId) || settled.get(finding.file)?.has(finding.ruleId) || doneAt.has(`${finding.file}:${finding.line}`)) continue;
      // One follow-up per rule and file: the same unrewritten check repeated is one thing to do.
      const repeated = followUps.find((followUp) => followUp.file === finding.file && followUp.ruleId === finding.ruleId && followUp.kind !== 'session');
      if (repeated) {
        const count = Number(/\((\d+) places in this file/.exec(repeated.message)?.[1] ?? '1') + 1;
        repeated.message = repeated.message.replace(/ \(\d+ places in this file, the first here\)$/, '') + ` (${count} places in this file, the first here)`;
        continue;
      }
      followUps.push({
        file: finding.file,
        line: finding.line,
        kind: finding.category === 'rbac' ? 'rbac' : 'not-rewritten',
        ruleId: finding.ruleId,
        message: `not rewritten by the codemod: ${finding.message}. Make it accept Scalekit tokens by hand (authenticateToken / the adapters of the generated module).`,
      });
      continue;
    }
    if (!INFORMATIONAL[finding.category]) continue;
    const key = `${finding.file}\u0000${finding.category}`;
    const entry = perFile.get(key);
    if (entry) entry.count += 1;
    else perFile.set(key, { finding, count: 1 });
  }
  for (const { finding, count } of perFile.values()) {
    const info = INFORMATIONAL[finding.category]!;
    followUps.push({
      file: finding.file,
      line: finding.line,
      kind: info.kind,
      ruleId: finding.ruleId,
      message: `${info[mode]}${count > 1 ? ` (${count} places in this file, the first here)` : ''}`,
    });
  }
  return followUps;
}

/** Lines a finding's call may have moved down by in a file the transforms edited (an import added above it). */
const LINE_DRIFT = 3;

/**
 * Role and permission checks that the transforms already settled where they are defined: calls (found by the
 * audit as `js.rbac.check-call`) of a helper whose body, as the transforms left it, reads the roles claim
 * through the generated module. Read from the rewritten code, after every transform ran; returns
 * "file:line" of each such finding.
 */
export function checksSettledInHelpers(findings: readonly Finding[], filesByPath: ReadonlyMap<string, SourceFile>): Set<string> {
  const done = new Set<string>();
  for (const finding of findings) {
    if (finding.ruleId !== 'js.rbac.check-call') continue;
    const file = filesByPath.get(finding.file);
    if (!file || file.wasForgotten()) continue;
    const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
      const line = call.getStartLineNumber();
      return line >= finding.line && line <= finding.line + LINE_DRIFT;
    });
    if (calls.some((call) => helperReadsScalekitRoles(file, call.getExpression()))) done.add(`${finding.file}:${finding.line}`);
  }
  return done;
}

function helperReadsScalekitRoles(file: SourceFile, callee: Node): boolean {
  if (!Node.isIdentifier(callee)) return false;
  const declaration = helperDeclaration(file, callee.getText());
  if (!declaration) return false;
  const bindings = authBindings(declaration.getSourceFile());
  return bindings.size > 0 && declaration.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => bindings.has(identifier.getText()));
}

/** The function a name refers to: declared in the file itself, or imported by name from a file of the app. */
function helperDeclaration(file: SourceFile, name: string): Node | undefined {
  const local = file.getFunction(name) ?? file.getVariableDeclaration(name);
  if (local) return local;
  for (const declaration of file.getImportDeclarations()) {
    const imported = declaration.getNamedImports().find((specifier) => (specifier.getAliasNode()?.getText() ?? specifier.getName()) === name);
    const target = imported && declaration.getModuleSpecifierSourceFile();
    if (target) return target.getFunction(imported.getName()) ?? target.getVariableDeclaration(imported.getName());
  }
  return undefined;
}
