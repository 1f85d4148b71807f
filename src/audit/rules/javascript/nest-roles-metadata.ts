import { stringValue, unwrap } from '../../js/expression-text.js';
import { callRule } from '../../js/kit.js';

/** The decorator factory behind `@Roles(...)`: `SetMetadata('roles', roles)` — the key the roles guard reads. */
export default callRule({
  id: 'js.nest.roles-metadata',
  category: 'rbac',
  confidence: 'high',
  message: 'Role or permission metadata set on routes (SetMetadata): the guard that reads it must check the roles of Scalekit tokens',
  keywords: ['SetMetadata'],
  calls: [{ module: '@nestjs/common', path: ['SetMetadata'] }],
  inspect(call) {
    const key = call.arguments?.[0];
    const text = key ? (stringValue(key) ?? unwrap(key).getText()) : '';
    if (!/role|permission|polic|scope/i.test(text)) return null;
  },
});
