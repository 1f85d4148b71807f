import { stringValue } from '../../js/expression-text.js';
import { decoratorRule } from '../../js/kit.js';

export default decoratorRule({
  id: 'js.nest.public-route',
  category: 'session-middleware',
  confidence: 'medium',
  message: 'Route marked public (no authentication): it must stay public in dual and scalekit modes',
  keywords: ['Public', 'AllowAnonymous', 'SkipAuth', 'IS_PUBLIC'],
  decorators: [{ chain: /^(?:Public|AllowAnonymous|SkipAuth|NoAuth|Unprotected)$/ }, { module: '@nestjs/common', path: 'SetMetadata' }],
  inspect(decorator, call) {
    if (call && call.expression.getText().endsWith('SetMetadata')) {
      const key = stringValue(call.arguments[0]) ?? call.arguments[0]?.getText() ?? '';
      if (!/public|anonymous|skip_?auth/i.test(key)) return null;
    }
  },
});
