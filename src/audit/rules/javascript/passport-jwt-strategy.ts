import { property } from '../../js/expression-text.js';
import { recordJwtFact } from '../../js/jwt-facts.js';
import { passportStrategyRule } from '../../js/passport-strategy.js';

export default passportStrategyRule({
  id: 'js.passport-jwt.strategy',
  category: 'session-middleware',
  confidence: 'high',
  message: 'passport-jwt strategy validates legacy JWTs: updateMiddleware adds Scalekit token validation beside it (dual mode)',
  keywords: ['passport-jwt'],
  strategy: { module: ['passport-jwt'], path: ['Strategy', ''] },
  onMatch(node, options, context) {
    recordJwtFact(node, { library: 'passport-jwt', operation: 'verify', secret: property(options, 'secretOrKey') ?? property(options, 'secretOrKeyProvider'), options }, context);
  },
});
