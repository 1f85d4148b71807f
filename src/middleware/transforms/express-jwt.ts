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
      const callee = legacy.getExpression();
      const bindings = moduleBindings(file, 'express-jwt');
      // express-jwt 7+ exports `expressjwt` (whatever the local name) and puts the payload on req.auth; 6 and older: default export, req.user.
      const imported = Node.isIdentifier(callee) ? bindings.named.get(callee.getText()) : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
      const newApi = imported === 'expressjwt' || imported === 'expressJwt';
      const text = options && Node.isObjectLiteralExpression(options) ? options.getText() : '';
      const property = literalOption(text, newApi ? 'requestProperty' : 'userProperty') ?? (newApi ? 'auth' : 'user');
      const optional = /\bcredentialsRequired\s*:\s*false\b/.test(text);
      return [`property: '${property}'`, ...(optional ? ['credentialsRequired: false'] : []), ...(readsCookie(text) ? ['cookie: true'] : [])];
    },
    userAt: (settings) => `req.${/'(.*)'/.exec(settings[0]!)![1]}`,
  });
}

/** The legacy middleware's own getToken reads a cookie: the Scalekit cookie may stand in for it. */
export function readsCookie(optionsText: string): boolean {
  return /\bgetToken\b[\s\S]*\bcookies?\b/.test(optionsText) || /\bcookie\s*:\s*['"`\w]/.test(optionsText);
}

function literalOption(text: string, key: string): string | undefined {
  return new RegExp(`\\b${key}\\s*:\\s*['"]([\\w$.]+)['"]`).exec(text)?.[1];
}
