import { Node, type CallExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall, freeParameter, identifiersIn, moduleMemberCalls } from '../edit/call-sites.js';
import { replaceNode } from '../edit/replace.js';
import { UnsafeRewrite, type Transform, type TransformContext } from './types.js';

/**
 * Hand-written checks with `jsonwebtoken`'s verify (Express or Koa middleware, Fastify hooks, helpers):
 * - dual: `jwt.verify(token, secret, opts)` -> `await authenticateToken(token, (token) => jwt.verify(token, secret, opts))`,
 *   the function around it made async and awaited by its callers; the callback form becomes
 *   `authenticateTokenCallback(token, (token) => jwt.verify(token, secret, opts), callback)`.
 * - scalekit: the legacy check is dropped (`await authenticateToken(token)`), with the imports and secret
 *   constants only it used.
 */
export const jsonwebtokenVerify: Transform = {
  id: 'jsonwebtoken-verify',
  description: 'jsonwebtoken verify() calls in middleware, hooks and helpers',
  settles: ['js.jsonwebtoken.verify', 'js.request.authorization-header'],
  appliesTo: (file) => /jsonwebtoken/.test(file.getFullText()),
  run(file, context) {
    for (const call of moduleMemberCalls(file, 'jsonwebtoken', ['verify'])) {
      if (call.wasForgotten()) continue;
      context.site(call, () => rewriteVerifyCall(file, call, context));
    }
  },
};

/** Rewrites one legacy verify call (also used for NestJS JwtService and @fastify/jwt's `fastify.jwt.verify`). */
export function rewriteVerifyCall(file: SourceFile, call: CallExpression, context: TransformContext, legacyName = 'jwt.verify'): void {
  const wrapped = enclosingAuthCall(call, ['authenticateToken', 'authenticateTokenCallback']);
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    return dropLegacyArgument(file, wrapped, context);
  }
  const args = call.getArguments();
  const token = args[0];
  if (!token) throw new UnsafeRewrite(`${legacyName}() without a token argument`);
  const options = args[2];
  if (options && Node.isObjectLiteralExpression(options) && /\bcomplete\s*:\s*true\b/.test(options.getText())) {
    throw new UnsafeRewrite(`${legacyName}() with complete: true returns the header too; map the Scalekit claims by hand`);
  }
  const last = args.at(-1);
  const callbackStyle = args.length >= 3 && last !== undefined && isFunction(last);
  const legacyArgs = (callbackStyle ? args.slice(1, -1) : args.slice(1)).map((arg) => arg.getText());
  const parameter = freeParameter(new Set(args.slice(1).flatMap((arg) => [...identifiersIn(arg)])));
  const legacy = `(${parameter}) => ${call.getExpression().getText()}(${[parameter, ...legacyArgs].join(', ')})`;
  const removed = new Set([...identifiersIn(call.getExpression()), ...args.slice(1, callbackStyle ? -1 : undefined).flatMap((arg) => [...identifiersIn(arg)])]);

  if (callbackStyle) {
    const name = context.useAuth(file, 'authenticateTokenCallback');
    context.rewrite(call, `${legacyName}(token, ..., callback) accepts Scalekit tokens${context.mode === 'dual' ? ' (legacy ones too, by AUTH_PROVIDER)' : ' only'}`);
    const parts = context.mode === 'dual' ? [token.getText(), legacy, last!.getText()] : [token.getText(), last!.getText()];
    replaceNode(call, `${name}(${parts.join(', ')})`);
    if (context.mode === 'scalekit') context.dropIfUnused(file, removed);
    return;
  }
  context.makeAsync(call, true);
  const name = context.useAuth(file, 'authenticateToken');
  context.rewrite(call, `${legacyName}(token) accepts Scalekit tokens${context.mode === 'dual' ? ' (legacy ones too, by AUTH_PROVIDER)' : ' only'}; the function around it is async now`);
  const replacement = context.mode === 'dual' ? `${name}(${token.getText()}, ${legacy})` : `${name}(${token.getText()})`;
  const parent = call.getParent();
  const awaited = parent && Node.isAwaitExpression(parent);
  const operand = parent && (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent) || Node.isNonNullExpression(parent));
  replaceNode(call, awaited ? replacement : operand ? `(await ${replacement})` : `await ${replacement}`);
  if (context.mode === 'scalekit') context.dropIfUnused(file, removed);
}

function isFunction(node: Node): boolean {
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return true;
  if (!Node.isIdentifier(node)) return false;
  return node.getType().getCallSignatures().length > 0;
}

/** scalekit mode on dual-mode code: `authenticateToken(token, (token) => legacy)` -> `authenticateToken(token)`. */
function dropLegacyArgument(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const args = call.getArguments();
  const legacy = args[1];
  if (!legacy || !(Node.isArrowFunction(legacy) || Node.isFunctionExpression(legacy))) return context.alreadyDone(call);
  const removed = identifiersIn(legacy);
  context.rewrite(call, 'the legacy check is removed: Scalekit tokens only');
  call.removeArgument(1);
  context.dropIfUnused(file, removed);
}
