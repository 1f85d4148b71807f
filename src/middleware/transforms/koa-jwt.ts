import { SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { moduleBindings } from '../edit/imports.js';
import { wrapLegacyMiddleware } from '../edit/wrap-legacy-middleware.js';
import { readsCookie } from './express-jwt.js';
import type { Transform, TransformContext } from './types.js';

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
  wrapLegacyMiddleware(file, call, context, {
    library: 'koa-jwt',
    adapter: 'koaAuth',
    settings(legacy) {
      const options = legacy.getArguments()[0]?.getText() ?? '';
      const key = /\bkey\s*:\s*['"]([\w$]+)['"]/.exec(options)?.[1] ?? 'user';
      return [`key: '${key}'`, ...(/\bpassthrough\s*:\s*true\b/.test(options) ? ['passthrough: true'] : []), ...(readsCookie(options) ? ['cookie: true'] : [])];
    },
    userAt: (settings) => `ctx.state.${/'(.*)'/.exec(settings[0]!)![1]}`,
  });
}
