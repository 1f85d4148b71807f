import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.fastify-jwt.verify',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Verifies a legacy JWT with @fastify/jwt: updateMiddleware makes the hook accept Scalekit tokens (dual mode)',
  keywords: ['jwtVerify', 'jwtDecode', 'jwt.verify'],
  calls: [
    { chain: /^(?:request|req|this|[\w$]*[rR]equest)\.(?:jwtVerify|jwtDecode)$/ },
    { chain: /^(?:fastify|app|server|instance|this\.server|request\.server)\.jwt\.(?:verify|decode)$/, whenImports: /fastify/ },
  ],
  inspect(call, context) {
    if (context.imports.resolve(call.expression)?.module === 'jose') return null;
  },
});
