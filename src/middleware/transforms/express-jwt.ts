import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { moduleBindings } from '../edit/imports.js';
import { wrapLegacyMiddleware } from '../edit/wrap-legacy-middleware.js';
import type { Transform, TransformContext } from './types.js';

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
  wrapLegacyMiddleware(file, call, context, {
    library: 'express-jwt',
    adapter: 'expressAuth',
    settings(legacy) {
      const options = legacy.getArguments()[0];
      const callee = legacy.getExpression().getText();
      const newApi = /expressjwt|expressJwt/i.test(callee) && !moduleBindings(file, 'express-jwt').namespaces.has(callee);
      const property = (options && Node.isObjectLiteralExpression(options) && literalOption(options.getText(), newApi ? 'requestProperty' : 'userProperty')) ?? (newApi ? 'auth' : 'user');
      const optional = Boolean(options && /\bcredentialsRequired\s*:\s*false\b/.test(options.getText()));
      return [`property: '${property}'`, ...(optional ? ['credentialsRequired: false'] : [])];
    },
    userAt: (settings) => `req.${/'(.*)'/.exec(settings[0]!)![1]}`,
  });
}

function literalOption(text: string, key: string): string | undefined {
  return new RegExp(`\\b${key}\\s*:\\s*['"]([\\w$.]+)['"]`).exec(text)?.[1];
}
