import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.jsonwebtoken.sign',
  category: 'token-issuance',
  confidence: 'high',
  message: 'Issues a legacy JWT (jsonwebtoken): Scalekit issues tokens after the switch; save a sample token for the backup checklist',
  keywords: ['jsonwebtoken', 'jwt.sign'],
  calls: [
    { module: 'jsonwebtoken', path: 'sign' },
    { chain: /^jwt\.sign$/, confidence: 'medium' },
  ],
  inspect(call, context) {
    recordJwtFact(
      call,
      { library: 'jsonwebtoken', operation: 'sign', secret: argument(call, 1), options: argument(call, 2), defaultAlgorithm: 'HS256' },
      context,
    );
  },
});
