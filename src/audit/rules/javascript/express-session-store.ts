import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';

/**
 * `connectRedis(session)`, `MongoStore(session)`: a session store built on express-session. The
 * sessions it holds are the legacy login sessions (a websocket server may read them too).
 */
export default astRule({
  id: 'js.express-session.store',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Session store built on express-session: legacy login sessions live there; record it, and keep it readable in dual mode',
  keywords: ['express-session'],
  create(context) {
    if (!context.imports.has('express-session')) return {};
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        if (call.arguments.length !== 1 || !ts.isIdentifier(call.arguments[0]!)) return;
        if (context.imports.resolve(call.expression)?.module === 'express-session') return;
        const argument = context.imports.resolve(call.arguments[0]!);
        if (argument?.module === 'express-session' && argument.path === '') context.report(call);
      },
    };
  },
});
