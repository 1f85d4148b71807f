import { property } from '../../js/expression-text.js';
import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.express-jwt.middleware',
  category: 'session-middleware',
  confidence: 'high',
  message: 'express-jwt middleware validates legacy JWTs: updateMiddleware replaces it with the dual-mode check',
  keywords: ['express-jwt'],
  calls: [{ module: 'express-jwt', path: ['', 'expressjwt', 'expressJwt'] }],
  inspect(call, context) {
    const options = argument(call, 0);
    recordJwtFact(call, { library: 'express-jwt', operation: 'verify', secret: property(options, 'secret'), options }, context);
  },
});
