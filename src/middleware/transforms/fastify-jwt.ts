import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall } from '../edit/call-sites.js';
import { replaceNode } from '../edit/replace.js';
import { rewriteVerifyCall } from './jsonwebtoken-verify.js';
import type { Transform, TransformContext } from './types.js';

const REQUEST_VERIFY = /^((?:request|req|[\w$]*[rR]equest))\.jwtVerify$/;
const INSTANCE_VERIFY = /^(?:fastify|app|server|instance|this\.server|request\.server)\.jwt\.verify$/;

/**
 * @fastify/jwt in hooks and decorators: `await request.jwtVerify()` becomes
 * `await verifyFastifyRequest(request, () => request.jwtVerify())` (dual) or
 * `await verifyFastifyRequest(request)` (scalekit) — a Scalekit token sets `request.user` to the app
 * user, a failure is a 401 error `reply.send(err)` answers as before; `fastify.jwt.verify(token)` is
 * rewritten like jsonwebtoken's verify.
 */
export const fastifyJwt: Transform = {
  id: 'fastify-jwt',
  description: '@fastify/jwt request.jwtVerify() and fastify.jwt.verify()',
  settles: ['js.fastify-jwt.verify'],
  appliesTo: (file) => /jwtVerify|\.jwt\.verify/.test(file.getFullText()),
  run(file, context) {
    const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => REQUEST_VERIFY.test(call.getExpression().getText()) || INSTANCE_VERIFY.test(call.getExpression().getText()));
    for (const call of calls) {
      if (call.wasForgotten()) continue;
      if (INSTANCE_VERIFY.test(call.getExpression().getText())) context.site(call, () => rewriteVerifyCall(file, call, context, 'fastify.jwt.verify'));
      else context.site(call, () => rewriteRequestVerify(file, call, context));
    }
  },
};

function rewriteRequestVerify(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const wrapped = enclosingAuthCall(call, 'verifyFastifyRequest');
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    const legacy = wrapped.getArguments()[1];
    if (!legacy || !Node.isArrowFunction(legacy)) return context.alreadyDone(call);
    context.rewrite(wrapped, 'request.jwtVerify() removed: Scalekit tokens only');
    wrapped.removeArgument(1);
    return;
  }
  const holder = REQUEST_VERIFY.exec(call.getExpression().getText())![1]!;
  context.makeAsync(call);
  const name = context.useAuth(file, 'verifyFastifyRequest');
  const args = call.getArguments().map((arg) => arg.getText()).join(', ');
  const replacement = context.mode === 'dual' ? `${name}(${holder}, () => ${holder}.jwtVerify(${args}))` : `${name}(${holder})`;
  context.rewrite(call, `${holder}.jwtVerify() accepts Scalekit tokens${context.mode === 'dual' ? ' (legacy ones too, by AUTH_PROVIDER)' : ' only'}`);
  const parent = call.getParent();
  replaceNode(call, parent && Node.isAwaitExpression(parent) ? replacement : `await ${replacement}`);
}
