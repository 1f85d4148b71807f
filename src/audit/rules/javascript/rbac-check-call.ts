import { ts } from 'ts-morph';
import { lastMember, stringValue, unwrap } from '../../js/expression-text.js';
import { callRule } from '../../js/kit.js';
import { namesGate } from '../../js/gates.js';

const CALLS = /(?:^|\.)(?:hasRoles?|hasAnyRole|hasAllRoles|requireRoles?|requireAnyRole|checkRoles?|ensureRole|authorizeRoles|allowRoles|restrictTo|isInRole|userHasRole|hasPermissions?|hasAnyPermission|hasAllPermissions|requirePermissions?|checkPermissions?|ensurePermission|userCan|hasScope|requireScopes?|can|cannot|authorize|permit|isAuthorized)$/;
const ROLE_CALLS = /^(?:hasRole|hasRoles|hasAnyRole|hasAllRoles|requireRole|requireRoles|requireAnyRole|checkRole|checkRoles|ensureRole|authorizeRoles|allowRoles|restrictTo|isInRole|userHasRole)$/;
const PERMISSION_CALLS = /^(?:hasPermission|hasPermissions|hasAnyPermission|hasAllPermissions|requirePermission|requirePermissions|checkPermission|checkPermissions|ensurePermission|userCan|hasScope|requireScope|requireScopes)$/;
const GENERIC_CALLS = /^(?:can|cannot|authorize|permit|isAuthorized)$/;

export default callRule({
  id: 'js.rbac.check-call',
  category: 'rbac',
  confidence: 'medium',
  message: 'Role or permission check helper: it must read the roles/permissions claims of Scalekit tokens',
  keywords: ['Role', 'Permission', 'Scope', 'restrictTo', 'can(', 'cannot(', 'authorize(', 'permit(', 'isAuthorized'],
  gate: namesGate([CALLS]),
  calls: [{ chain: CALLS }],
  inspect(call, context, match) {
    const member = lastMember(match.text ?? '');
    const literals = (call.arguments ?? []).flatMap((argument) => {
      const inner = unwrap(argument);
      if (ts.isArrayLiteralExpression(inner)) return inner.elements.map((element) => ({ node: element, value: stringValue(element) }));
      return [{ node: argument, value: stringValue(argument) }];
    }).filter((entry): entry is { node: ts.Expression; value: string } => entry.value !== undefined);
    if (GENERIC_CALLS.test(member) && literals.length === 0) return null;
    if (GENERIC_CALLS.test(member) && /^(?:res|response|reply|router|app)\./.test(match.text ?? '')) return null;
    for (const literal of literals) {
      if (ROLE_CALLS.test(member)) context.facts.role(literal.value, context.at(literal.node));
      else if (PERMISSION_CALLS.test(member)) context.facts.permission(literal.value, context.at(literal.node));
    }
    if (ROLE_CALLS.test(member) || PERMISSION_CALLS.test(member)) return { confidence: 'high' };
  },
});
