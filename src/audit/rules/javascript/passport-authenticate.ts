import { stringValue } from '../../js/expression-text.js';
import { callRule } from '../../js/kit.js';
import { strategyCategory } from '../../js/strategies.js';

const PASSPORTS = ['passport', 'koa-passport', '@fastify/passport', 'fastify-passport'];

export default callRule({
  id: 'js.passport.authenticate',
  category: ['login', 'session-middleware', 'oauth-provider', 'api-key'],
  confidence: 'high',
  message: 'passport.authenticate: a login, token check or provider redirect handled by passport',
  keywords: ['passport'],
  calls: [
    { module: PASSPORTS, path: 'authenticate' },
    { chain: /^(?:passport|fastifyPassport)\.authenticate$/, confidence: 'medium' },
  ],
  inspect(call) {
    const strategy = stringValue(call.arguments?.[0]);
    if (strategy === undefined) return { category: 'session-middleware', message: 'passport.authenticate with a computed strategy: check which flow it serves' };
    const category = strategyCategory(strategy);
    const messages = {
      login: `passport.authenticate('${strategy}'): password login; it becomes a redirect to Scalekit and a callback (authenticateWithCode)`,
      'session-middleware': `passport.authenticate('${strategy}') protects routes with legacy credentials: updateMiddleware adds Scalekit validation (dual mode)`,
      'oauth-provider': `passport.authenticate('${strategy}'): login through an external provider; configure the connection in Scalekit`,
      'api-key': `passport.authenticate('${strategy}'): API key authentication; keep it working in dual and scalekit modes`,
    } as const;
    return { category, message: messages[category as keyof typeof messages] };
  },
});
