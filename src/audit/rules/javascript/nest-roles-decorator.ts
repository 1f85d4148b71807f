import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { decoratorRule } from '../../js/kit.js';

export default decoratorRule({
  id: 'js.nest.roles-decorator',
  category: 'rbac',
  confidence: 'high',
  message: 'Role or permission requirement on a route: it must read the roles/permissions claims of Scalekit tokens',
  keywords: ['Roles', 'Role(', 'Permissions', 'Permission(', 'CheckPolicies', 'RequireRole', 'Authorize'],
  gate: (text) => /@\s*(?:Roles?|HasRoles?|RequireRoles?|AllowedRoles|RolesAllowed|Permissions?|RequirePermissions?|HasPermissions?|CheckPolicies|Authorize)\s*\(/.test(text),
  decorators: [{ chain: /^(?:Roles?|HasRoles?|RequireRoles?|AllowedRoles|RolesAllowed|Permissions?|RequirePermissions?|HasPermissions?|CheckPolicies|Authorize)$/ }],
  inspect(decorator, call, context) {
    if (!call || call.arguments.length === 0) return null;
    const isPermission = /Permission|Polic/.test(chainText(call.expression) ?? '');
    for (const argument of call.arguments) {
      const name = roleName(argument);
      if (!name) continue;
      if (isPermission) context.facts.permission(name, context.at(argument));
      else context.facts.role(name, context.at(argument));
    }
  },
});

/** 'admin', Role.Admin -> Admin, UserRole.ADMIN -> ADMIN. */
function roleName(node: ts.Node): string | undefined {
  const inner = unwrap(node);
  const text = stringValue(inner);
  if (text !== undefined) return text;
  if (ts.isPropertyAccessExpression(inner) && /role|permission/i.test(inner.expression.getText())) return inner.name.text;
  return undefined;
}
