import { Node, type CallExpression, type SourceFile } from 'ts-morph';
import { UnsafeRewrite, type TransformContext } from '../transforms/types.js';
import { enclosingAuthCall, identifiersIn } from './call-sites.js';
import { replaceNode } from './replace.js';

export interface LegacyMiddleware {
  /** The library, as messages name it: `express-jwt`, `koa-jwt`. */
  library: string;
  /** The generated module's adapter that takes the legacy middleware as `legacy`. */
  adapter: 'expressAuth' | 'koaAuth';
  /** Computes the adapter's own settings (`property: 'auth'`, ...) from the legacy call. */
  settings(call: CallExpression): string[];
  /** Where handlers find the user, for the rewrite message: `req.auth`, `ctx.state.user`. */
  userAt(settings: string[]): string;
}

/**
 * A legacy token middleware call becomes `adapter({ ...settings, legacy: <call> })` in dual mode and
 * `adapter({ ...settings })` in scalekit mode; a call already wrapped only loses its `legacy` in scalekit mode.
 */
export function wrapLegacyMiddleware(file: SourceFile, call: CallExpression, context: TransformContext, middleware: LegacyMiddleware): void {
  const { library, adapter } = middleware;
  const wrapped = enclosingAuthCall(call, adapter);
  if (wrapped) {
    if (context.mode === 'dual') return context.alreadyDone(call);
    const options = wrapped.getArguments()[0];
    const legacy = options && Node.isObjectLiteralExpression(options) ? options.getProperty('legacy') : undefined;
    if (!legacy) return context.alreadyDone(call);
    const removed = identifiersIn(legacy);
    context.rewrite(wrapped, `${library} removed: Scalekit tokens only`);
    legacy.remove();
    context.dropIfUnused(file, removed);
    return;
  }
  const parent = call.getParent();
  // `.unless(...)` stays on the adapter, which takes the same options (express-unless / koa-unless).
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === call && parent.getName() !== 'unless') {
    throw new UnsafeRewrite(`${library}(...).${parent.getName()}(...) chains on the middleware: wrap it with ${adapter} from the generated module by hand`);
  }
  const settings = middleware.settings(call);
  const name = context.useAuth(file, adapter);
  context.rewrite(call, `${library} ${context.mode === 'dual' ? 'kept for legacy tokens behind' : 'replaced by'} the Scalekit check (${middleware.userAt(settings)})`);
  if (context.mode === 'dual') {
    replaceNode(call, `${name}({ ${[...settings, `legacy: ${call.getText()}`].join(', ')} })`);
  } else {
    const removed = identifiersIn(call);
    replaceNode(call, `${name}({ ${settings.join(', ')} })`);
    context.dropIfUnused(file, removed);
  }
}
