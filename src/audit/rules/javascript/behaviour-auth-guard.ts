import { ts } from 'ts-morph';
import type { AstRule } from '../types.js';

/**
 * A guard written by hand: `if (!session) throw UNAUTHORIZED`, `if (!user) return res.status(401)`,
 * `if (!auth) redirect('/login')`. The condition tests that a user, session or token is missing
 * and the branch refuses (401/403, an Unauthorized error, or a redirect to a login page).
 */
// A bare `user` is often the row a login just looked up; only the request's or session's user is the signed-in one.
const SUBJECT = /\b(?:session|currentUser|auth|token|accessToken|jwt|claims|principal|isAuthenticated|isLoggedIn|loggedIn|authenticated|authUser|viewer|identity)\b|\.user\b/;
const LOGIN_CHECK = /passw|compare|verif|credential|valid|\berr\b/i;
const REFUSAL = /\b401\b|UNAUTHORI[SZ]ED|Unauthori[sz]ed|unauthori[sz]ed\(|\bUnauthenticated|NotAuthenticated|AuthenticationError|AuthError|['"`]\/(?:auth\/)?(?:login|signin|sign-in)\b|loginUrl|signInUrl|redirectToSignIn|redirectToLogin/;

function absenceTest(condition: ts.Expression, file: ts.SourceFile): boolean {
  const text = condition.getText(file);
  if (text.length > 200 || !SUBJECT.test(text) || LOGIN_CHECK.test(text)) return false;
  return ABSENCE.test(text);
}

const ABSENCE = /(?:^|[(|&\s])!\s*[\w$.?()]+|===?\s*(?:null|undefined|false)\b|!==?\s*true\b|\bisAnonymous\b/;
const IF = /\bif\s*\(/g;

/** An `if (` whose next 200 characters could be an absence test of a user, session or token, in a file with a refusal. */
function mayGuard(text: string): boolean {
  if (!REFUSAL.test(text)) return false;
  IF.lastIndex = 0;
  for (let match = IF.exec(text); match !== null; match = IF.exec(text)) {
    const condition = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
    if (SUBJECT.test(condition) && ABSENCE.test(condition)) return true;
  }
  return false;
}

const rule: AstRule = {
  id: 'js.behaviour.auth-guard',
  kind: 'ast',
  ecosystem: 'javascript',
  category: 'session-middleware',
  confidence: 'medium',
  message: 'Hand-written auth guard: refuses when no user, session or token is present; it must accept Scalekit sessions',
  gate: mayGuard,
  keywords: ['401', 'UNAUTHORIZED', 'UNAUTHORISED', 'nauthorized', 'nauthorised', 'nauthenticated', 'login', 'signin', 'sign-in', 'AuthError', 'AuthenticationError'],
  create(context) {
    const file = context.sourceFile;
    return {
      [ts.SyntaxKind.IfStatement](node) {
        const statement = node as ts.IfStatement;
        if (!absenceTest(statement.expression, file)) return;
        const branch = statement.thenStatement.getText(file);
        if (branch.length > 600 || !REFUSAL.test(branch) || !/\b(?:throw|return|redirect|next)\b/.test(branch)) return;
        context.report(statement);
      },
    };
  },
};

export default rule;
