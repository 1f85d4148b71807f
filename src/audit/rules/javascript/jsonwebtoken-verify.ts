import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.jsonwebtoken.verify',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Verifies a legacy JWT (jsonwebtoken): updateMiddleware makes this check accept Scalekit tokens in dual mode',
  keywords: ['jsonwebtoken', 'jwt.verify'],
  calls: [
    { module: 'jsonwebtoken', path: 'verify' },
    { chain: /^jwt\.verify$/, confidence: 'medium' },
  ],
  inspect(call, context) {
    recordJwtFact(call, { library: 'jsonwebtoken', operation: 'verify', secret: argument(call, 1), options: argument(call, 2) }, context);
  },
});
