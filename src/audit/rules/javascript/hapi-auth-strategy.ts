import { property, stringValue } from '../../js/expression-text.js';
import { argument, callRule } from '../../js/kit.js';
import { recordJwtFact } from '../../js/jwt-facts.js';
import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';

export default callRule({
  id: 'js.hapi.auth-strategy',
  category: 'session-middleware',
  confidence: 'high',
  message: 'hapi auth strategy: routes are authenticated by this legacy scheme; updateMiddleware adds the Scalekit path (dual mode)',
  keywords: ['auth.strategy', 'auth.default', 'auth.scheme'],
  calls: [{ chain: /^(?:server|app|hapi|[\w$]*[sS]erver)\.auth\.(?:strategy|default|scheme)$/ }],
  inspect(call, context) {
    const scheme = stringValue(argument(call, 1));
    const options = objectArgument(argument(call, 2), context.sourceFile);
    if (scheme === 'cookie') {
      recordSessionOptions(call, options, { library: '@hapi/cookie', cookieKey: 'cookie', maxAgeKeys: ['ttl'], maxAgeUnit: 'milliseconds', secretKeys: ['password'], store: 'cookie' }, context);
    } else if (scheme === 'jwt') {
      recordJwtFact(call, { library: 'hapi-auth-jwt2', operation: 'verify', secret: property(options, 'key') ?? property(property(options, 'keys') ?? options, 'key'), options: property(options, 'verifyOptions') ?? property(options, 'verify') }, context);
    }
    const name = stringValue(argument(call, 0));
    if (name && scheme) return { message: `hapi auth strategy "${name}" (${scheme} scheme): routes using it are authenticated by legacy credentials; updateMiddleware adds the Scalekit path (dual mode)` };
  },
});
