import { Node, SyntaxKind, type CallExpression, type Project, type SourceFile } from 'ts-morph';
import { enclosingAuthCall } from '../edit/call-sites.js';
import { UnsafeRewrite, type Transform, type TransformContext } from './types.js';

/** `passport.session()` or `passport.authenticate('session')`, as passed to `app.use(...)`. */
const SESSION_RESTORE = /^passport\.(?:session\(\s*\)|authenticate\(\s*['"]session['"]\s*\))$/;

/**
 * Passport sessions: right after the middleware that restores the legacy login (`app.use(passport.session())`)
 * the codemod adds `app.use(scalekitSessionUser(passport, serialize))`. A request with a Scalekit token then
 * gets the app's own user — passport's deserializeUser, fed what serializeUser would have stored for the
 * legacy id — in `req.user` before any later middleware copies it (`res.locals.user = req.user`), and
 * `req.isAuthenticated()` stays synchronous. In scalekit mode the same line drops legacy session users.
 */
export const passportSessionUser: Transform = {
  id: 'passport-session-user',
  description: 'passport session restore (Express, Koa)',
  settles: ['js.passport.session', 'js.passport.authenticate'],
  appliesTo: (file) => /passport/.test(file.getFullText()) && /\.use\s*\(/.test(file.getFullText()),
  run(file, context) {
    for (const call of sessionUses(file)) {
      if (call.wasForgotten()) continue;
      context.site(call, () => insertAfter(file, call, context));
    }
  },
};

/** True when the app restores passport sessions in a `.use(...)` the codemod rewrites: its isAuthenticated() checks then need no edit. */
export function restoresPassportSessions(project: Project): boolean {
  return project.getSourceFiles().some((file) => /passport/.test(file.getFullText()) && sessionUses(file).length > 0);
}

function sessionUses(file: SourceFile): CallExpression[] {
  return file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression();
    const argument = call.getArguments()[0];
    return Node.isPropertyAccessExpression(callee) && callee.getName() === 'use' && call.getArguments().length === 1 && argument !== undefined && SESSION_RESTORE.test(argument.getText().replace(/\s+/g, ''));
  });
}

function insertAfter(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const statement = call.getParentIfKind(SyntaxKind.ExpressionStatement);
  if (!statement) throw new UnsafeRewrite('passport session middleware used inside a larger expression: add app.use(scalekitSessionUser(passport, serialize)) right after it by hand');
  const next = statement.getNextSibling();
  const already = next && Node.isExpressionStatement(next) ? next.getExpression() : undefined;
  const existing = already && Node.isCallExpression(already) ? already.getArguments()[0] : undefined;
  const koa = isKoaApp(file);
  const adapter = koa ? 'scalekitKoaSessionUser' : 'scalekitSessionUser';
  if (existing && Node.isCallExpression(existing) && enclosingAuthCall(existing.getArguments()[0] ?? existing, adapter)) return context.alreadyDone(call);
  if (existing && /scalekit(?:Koa)?SessionUser\s*\(/.test(existing.getText())) return context.alreadyDone(call);
  const serialize = serializedUser(context.project, /\.[cm]?tsx?$/.test(file.getFilePath()));
  const name = context.useAuth(file, adapter);
  const app = (call.getExpression() as import('ts-morph').PropertyAccessExpression).getExpression().getText();
  context.rewrite(call, `after the legacy session restore, a Scalekit token sets ${koa ? 'ctx.state.user' : 'req.user'} to the app's own user (deserializeUser with the legacy id)${context.mode === 'dual' ? '' : '; legacy sessions no longer count'}`);
  statement.replaceWithText(`${statement.getText()}\n${statement.getIndentationText()}${app}.use(${name}(passport, ${serialize.text}));`);
  for (const field of serialize.missing) {
    context.followUp(serialize.at ?? call, 'session', `serializeUser stores the user's "${field}", which no Scalekit claim carries: for Scalekit users it is undefined in what deserializeUser receives (load it there by the id instead)`);
  }
}

/** A Koa app (koa-passport): the session user lives on `ctx.state.user` and middleware is `(ctx, next)`. */
function isKoaApp(file: SourceFile): boolean {
  return /(?:\bfrom\s*|\brequire\s*\(\s*)['"]koa(?:-passport)?['"]/.test(file.getFullText());
}

/**
 * What the app's serializeUser stores, as a function of the mapped user: `(user) => user.id` or the object
 * literal it builds. Fields other than ids are listed (no claim fills them).
 */
function serializedUser(project: Project, typescript: boolean): { text: string; missing: string[]; at?: Node } {
  const parameter = typescript ? '(user: any)' : '(user)';
  for (const file of project.getSourceFiles()) {
    if (!/serializeUser/.test(file.getFullText())) continue;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (!/\.serializeUser$/.test(call.getExpression().getText())) continue;
      const fn = call.getArguments()[0];
      if (!fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) continue;
      const [userParam, ...rest] = fn.getParameters();
      const done = rest.at(-1)?.getName();
      if (!userParam || !done) continue;
      const stored = fn
        .getDescendantsOfKind(SyntaxKind.CallExpression)
        .find((inner) => inner.getExpression().getText() === done && inner.getArguments().length === 2)
        ?.getArguments()[1];
      if (!stored) continue;
      const own = userParam.getName();
      const outside = stored.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => {
        const parent = identifier.getParent();
        if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
        if (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) return false;
        return identifier.getText() !== own;
      });
      if (outside.length > 0 && !(Node.isIdentifier(stored) && stored.getText() === own)) break;
      const text = stored.getText().replace(new RegExp(`\\b${own}\\b`, 'g'), 'user');
      const missing = Node.isObjectLiteralExpression(stored)
        ? stored.getProperties().flatMap((property) => {
            const value = Node.isPropertyAssignment(property) ? property.getInitializer()?.getText() ?? '' : '';
            return /\.(?:id|_id|userId|user_id|uid)$/.test(value) ? [] : [Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) ? property.getName() : property.getText()];
          })
        : [];
      return { text: `${parameter} => ${Node.isObjectLiteralExpression(stored) ? `(${text})` : text}`, missing, at: stored };
    }
  }
  return { text: `${parameter} => user.id`, missing: [] };
}
