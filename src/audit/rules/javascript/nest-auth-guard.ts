import { stringValue } from '../../js/expression-text.js';
import { callRule } from '../../js/kit.js';
import { strategyCategory } from '../../js/strategies.js';

export default callRule({
  id: 'js.nest.auth-guard',
  category: ['session-middleware', 'login', 'oauth-provider', 'api-key'],
  confidence: 'high',
  message: 'NestJS AuthGuard',
  keywords: ['AuthGuard'],
  calls: [{ module: '@nestjs/passport', path: 'AuthGuard' }],
  inspect(call) {
    const strategy = stringValue(call.arguments?.[0]) ?? 'default';
    const category = strategyCategory(strategy);
    const messages = {
      'session-middleware': `AuthGuard('${strategy}') protects routes with legacy token validation: updateMiddleware adds Scalekit validation (dual mode)`,
      login: `AuthGuard('${strategy}'): password login; it becomes a redirect to Scalekit and a callback`,
      'oauth-provider': `AuthGuard('${strategy}'): login through an external provider; configure the connection in Scalekit`,
      'api-key': `AuthGuard('${strategy}'): API key authentication; keep it working in dual and scalekit modes`,
    } as const;
    return { category, message: messages[category as keyof typeof messages] };
  },
});
