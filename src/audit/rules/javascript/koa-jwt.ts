import { property } from '../../js/expression-text.js';
import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.koa.jwt-middleware',
  category: 'session-middleware',
  confidence: 'high',
  message: 'koa-jwt middleware validates legacy JWTs: updateMiddleware replaces it with the dual-mode check',
  keywords: ['koa-jwt'],
  calls: [{ module: 'koa-jwt', path: '' }],
  inspect(call, context) {
    const options = argument(call, 0);
    recordJwtFact(call, { library: 'koa-jwt', operation: 'verify', secret: property(options, 'secret'), options }, context);
  },
});
