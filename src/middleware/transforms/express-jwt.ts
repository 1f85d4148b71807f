import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { enclosingAuthCall, identifiersIn } from '../edit/call-sites.js';
import { moduleBindings } from '../edit/imports.js';
import { replaceNode } from '../edit/replace.js';
import { UnsafeRewrite, type Transform, type TransformContext } from './types.js';

/**
 * express-jwt: `expressjwt({ secret, ... })` (or the older default `jwt({...})`) becomes
 * `expressAuth({ property, legacy: expressjwt({...}) })` in dual mode — Scalekit tokens verified by the
 * generated module, others by express-jwt unless AUTH_PROVIDER=scalekit — and `expressAuth({ property })`
 * in scalekit mode. The user stays where handlers read it (`req.auth`, or `requestProperty`/`userProperty`).
 */
export const expressJwt: Transform = {
  id: 'express-jwt',
  description: 'express-jwt middleware',
  settles: ['js.express-jwt.middleware'],
  appliesTo: (file) => /express-jwt/.test(file.getFullText()),
  run(file, context) {
    for (const call of middlewareCalls(file)) {
      if (call.wasForgotten()) continue;
      context.site(call, () => rewrite(file, call, context));
    }
  },
};

function middlewareCalls(file: SourceFile): CallExpression[] {
  const bindings = moduleBindings(file, 'express-jwt');
  return file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression();
    if (Node.isIdentifier(callee)) {
      const name = callee.getText();
      return bindings.namespaces.has(name) || ['expressjwt', 'expressJwt'].includes(bindings.named.get(name) ?? '');
    }
    return Node.isPropertyAccessExpression(callee) && bindings.namespaces.has(callee.getExpression().getText()) && ['expressjwt', 'expressJwt'].includes(callee.getName());
  });
}

function rewrite(file: SourceFile, call: CallExpression, context: TransformContext): void {
  const wrapped = enclosingAuthCall(call, 'expressAuth');
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    const options = wrapped.getArguments()[0];
    const legacy = options && Node.isObjectLiteralExpression(options) ? options.getProperty('legacy') : undefined;
    if (!legacy) return context.alreadyDone(call);
    const removed = identifiersIn(legacy);
    context.rewrite(wrapped, 'express-jwt removed: Scalekit tokens only');
    legacy.remove();
    context.dropIfUnused(file, removed);
    return;
  }
  const parent = call.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === call) {
    throw new UnsafeRewrite(`express-jwt(...).${parent.getName()}(...) chains on the middleware: wrap it with expressAuth from the generated module by hand`);
  }
  const options = call.getArguments()[0];
  const newApi = /expressjwt|expressJwt/i.test(call.getExpression().getText()) && !moduleBindings(file, 'express-jwt').namespaces.has(call.getExpression().getText());
  const property = (options && Node.isObjectLiteralExpression(options) && literalOption(options.getText(), newApi ? 'requestProperty' : 'userProperty')) ?? (newApi ? 'auth' : 'user');
  const optional = Boolean(options && /\bcredentialsRequired\s*:\s*false\b/.test(options.getText()));
  const name = context.useAuth(file, 'expressAuth');
  const settings = [`property: '${property}'`, ...(optional ? ['credentialsRequired: false'] : [])];
  context.rewrite(call, `express-jwt ${context.mode === 'dual' ? 'kept for legacy tokens behind' : 'replaced by'} the Scalekit check (req.${property})`);
  if (context.mode === 'dual') {
    replaceNode(call, `${name}({ ${[...settings, `legacy: ${call.getText()}`].join(', ')} })`);
  } else {
    const removed = identifiersIn(call);
    replaceNode(call, `${name}({ ${settings.join(', ')} })`);
    context.dropIfUnused(file, removed);
  }
}

function literalOption(text: string, key: string): string | undefined {
  return new RegExp(`\\b${key}\\s*:\\s*['"]([\\w$.]+)['"]`).exec(text)?.[1];
}
