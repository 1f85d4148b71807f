import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall } from '../edit/call-sites.js';
import { replaceNode } from '../edit/replace.js';
import { restoresPassportSessions } from './passport-session-user.js';
import type { Transform, TransformContext } from './types.js';

const CHECK = /^(req|request|ctx)\.(isAuthenticated|isUnauthenticated)$/;

/**
 * Session checks of passport (express-session + passport, koa-passport): `req.isAuthenticated()` becomes
 * `(await isAuthenticatedRequest(req, () => req.isAuthenticated()))` in dual mode — a valid Scalekit
 * token (bearer or the access-token cookie) authenticates and sets `req.user` (Koa: `ctx.state.user`),
 * else the legacy session decides — and `(await isAuthenticatedRequest(req))` in scalekit mode. The
 * function around it becomes async.
 */
export const passportSession: Transform = {
  id: 'passport-session',
  description: 'req.isAuthenticated() session checks (passport)',
  settles: ['js.request.is-authenticated'],
  appliesTo: (file) => /isAuthenticated|isUnauthenticated/.test(file.getFullText()),
  run(file, context) {
    // Where the session restore is followed by scalekitSessionUser (Koa: scalekitKoaSessionUser), req.user /
    // ctx.state.user is already the Scalekit user: the checks stay as they are, synchronous.
    const sessionUser = restoresPassportSessions(context.project);
    const checks = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => CHECK.test(call.getExpression().getText()) && call.getArguments().length === 0);
    for (const call of checks) {
      if (call.wasForgotten()) continue;
      if (sessionUser && !enclosingAuthCall(call, 'isAuthenticatedRequest')) {
        context.alreadyDone(call);
        continue;
      }
      context.site(call, () => rewrite(file, call, context));
    }
  },
};

function rewrite(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const wrapped = enclosingAuthCall(call, 'isAuthenticatedRequest');
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    const legacy = wrapped.getArguments()[1];
    if (!legacy || !Node.isArrowFunction(legacy)) return context.alreadyDone(call);
    context.rewrite(wrapped, 'the legacy session check is removed: Scalekit tokens only');
    wrapped.removeArgument(1);
    return;
  }
  const [, holder, method] = CHECK.exec(call.getExpression().getText())!;
  const target = holder === 'ctx' ? ', ctx.state' : '';
  context.makeAsync(call);
  const name = context.useAuth(file, 'isAuthenticatedRequest');
  const legacy = `() => ${holder}.isAuthenticated()`;
  const check = context.mode === 'dual' ? `${name}(${holder}, ${legacy}${target})` : `${name}(${holder}${target})`;
  context.rewrite(call, `${holder}.${method}() also accepts a Scalekit token${context.mode === 'dual' ? ' (the legacy session still counts, by AUTH_PROVIDER)' : ' (only)'}; the function around it is async now`);
  const parent = call.getParent();
  const operand = parent && (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent) || Node.isBinaryExpression(parent));
  replaceNode(call, method === 'isUnauthenticated' ? `!(await ${check})` : operand ? `(await ${check})` : `await ${check}`);
}
