import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';

export default callRule({
  id: 'js.fastify-jwt.sign',
  category: 'token-issuance',
  confidence: 'high',
  message: 'Issues a legacy JWT with @fastify/jwt: Scalekit issues tokens after the switch; save a sample token for the backup checklist',
  keywords: ['jwtSign', 'jwt.sign'],
  calls: [
    { chain: /^(?:reply|res|response|[\w$]*[rR]eply)\.jwtSign$/ },
    { chain: /^(?:fastify|app|server|instance|this\.server|request\.server|reply\.server)\.jwt\.sign$/, whenImports: /fastify/ },
  ],
  inspect(call, context) {
    recordJwtFact(call, { library: '@fastify/jwt', operation: 'sign', options: argument(call, 1) }, context);
  },
});
