import { ts } from 'ts-morph';
import { property, stringValue } from '../../js/expression-text.js';
import { recordJwtFact } from '../../js/jwt-facts.js';
import { passportStrategyRule } from '../../js/passport-strategy.js';

export default passportStrategyRule({
  id: 'js.passport-jwt.strategy',
  category: ['session-middleware', 'token-issuance', 'refresh-token'],
  confidence: 'high',
  message: 'passport-jwt strategy validates legacy JWTs: updateMiddleware adds Scalekit token validation beside it (dual mode)',
  keywords: ['passport-jwt'],
  strategy: { module: ['passport-jwt'], path: ['Strategy', ''] },
  onMatch(node, options, context) {
    recordJwtFact(node, { library: 'passport-jwt', operation: 'verify', secret: property(options, 'secretOrKey') ?? property(options, 'secretOrKeyProvider'), options }, context);
    // The strategy fixes the legacy token's secret and algorithm: the tokens it accepts are what the app issues.
    context.report(node, { category: 'token-issuance', message: 'passport-jwt strategy: the secret and algorithms of the legacy JWTs the app issues (backup checklist)' });
    if (/refresh/i.test(strategyName(node) ?? '')) {
      context.report(node, { category: 'refresh-token', message: 'passport-jwt strategy for refresh tokens: Scalekit refreshes its own tokens; this strategy retires after the switch' });
    }
  },
});

/** The name a strategy is registered under (`PassportStrategy(Strategy, 'jwt-refresh')`, `passport.use('jwt-refresh', ...)`) or its class name. */
function strategyName(node: ts.Node): string | undefined {
  const call = node.parent;
  if (ts.isCallExpression(node)) {
    const named = stringValue(node.arguments[1]);
    if (named) return named;
  } else if (call && ts.isCallExpression(call)) {
    const named = stringValue(call.arguments[0]);
    if (named) return named;
  }
  let scope: ts.Node | undefined = node.parent;
  while (scope && !ts.isClassLike(scope)) scope = scope.parent;
  return scope && ts.isClassLike(scope) ? scope.name?.text : undefined;
}
