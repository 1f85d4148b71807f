import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall, identifiersIn } from '../edit/call-sites.js';
import { moduleBindings } from '../edit/imports.js';
import { replaceNode } from '../edit/replace.js';
import { UnsafeRewrite, type Transform, type TransformContext } from './types.js';

/**
 * koa-jwt: `jwt({ secret, key, passthrough })` becomes `koaAuth({ key, passthrough, legacy: jwt({...}) })`
 * (dual) or `koaAuth({ key, passthrough })` (scalekit); the user stays in `ctx.state[key]`.
 */
export const koaJwt: Transform = {
  id: 'koa-jwt',
  description: 'koa-jwt middleware',
  settles: ['js.koa.jwt-middleware'],
  appliesTo: (file) => /koa-jwt/.test(file.getFullText()),
  run(file, context) {
    const bindings = moduleBindings(file, 'koa-jwt');
    const calls = file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => bindings.namespaces.has(call.getExpression().getText()));
    for (const call of calls) {
      if (call.wasForgotten()) continue;
      context.site(call, () => rewrite(file, call, context));
    }
  },
};

function rewrite(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const wrapped = enclosingAuthCall(call, 'koaAuth');
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    const options = wrapped.getArguments()[0];
    const legacy = options && Node.isObjectLiteralExpression(options) ? options.getProperty('legacy') : undefined;
    if (!legacy) return context.alreadyDone(call);
    const removed = identifiersIn(legacy);
    context.rewrite(wrapped, 'koa-jwt removed: Scalekit tokens only');
    legacy.remove();
    context.dropIfUnused(file, removed);
    return;
  }
  const parent = call.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === call) {
    throw new UnsafeRewrite(`koa-jwt(...).${parent.getName()}(...) chains on the middleware: wrap it with koaAuth from the generated module by hand`);
  }
  const options = call.getArguments()[0]?.getText() ?? '';
  const key = /\bkey\s*:\s*['"]([\w$]+)['"]/.exec(options)?.[1] ?? 'user';
  const passthrough = /\bpassthrough\s*:\s*true\b/.test(options);
  const settings = [`key: '${key}'`, ...(passthrough ? ['passthrough: true'] : [])];
  const name = context.useAuth(file, 'koaAuth');
  context.rewrite(call, `koa-jwt ${context.mode === 'dual' ? 'kept for legacy tokens behind' : 'replaced by'} the Scalekit check (ctx.state.${key})`);
  if (context.mode === 'dual') replaceNode(call, `${name}({ ${[...settings, `legacy: ${call.getText()}`].join(', ')} })`);
  else {
    const removed = identifiersIn(call);
    replaceNode(call, `${name}({ ${settings.join(', ')} })`);
    context.dropIfUnused(file, removed);
  }
}
