import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';
import type { AstRuleContext } from '../types.js';

const ROLE_MEMBER = /(?:^|\.)(?:role|roles|roleName|userRole|accessLevel|permissionLevel|rank)$/;
const LIST_MEMBER = /(?:^|\.)(?:roles|permissions|scopes|groups|perms|claims\.roles)$/;
const ADMIN_FLAG = /^(?:isAdmin|is_admin|isSuperAdmin|isSuperuser|is_superuser|isStaff|is_staff|isOwner)$/;
/** The chain belongs to a user, session, membership or token, not to a DOM node or a UI prop. */
const SUBJECT = /(?:^|\.)(?:user|users|me|member|membership|memberships|account|session|auth|req|request|ctx|context|claims|token|payload|decode|decoded|principal|identity|currentUser|viewer|profile|locals|state)(?:\.|$)|^(?:user|member|account)\w*\./i;
/** A numeric privilege level carried by the token or user (`decoded.scope < this.level`). */
const LEVEL_MEMBER = /(?:^|\.)(?:scope|accessLevel|permissionLevel|authLevel|roleLevel|privilegeLevel|rank)$/;
/** A list of the roles or permissions a route requires, checked against the user's (`requiredRoles.includes(role)`). */
const REQUIRED_LIST = /^(?:required|allowed|permitted|accepted)(?:Roles|Permissions|Scopes)$/;
/** Every handler needs such a list, or one of those members read off an object: `x.role`, `x?.roles`, `x['isAdmin']`. */
const MEMBER_GATE = /(?:required|allowed|permitted|accepted)(?:Roles|Permissions|Scopes)\s*\??\.\s*(?:includes|has|some|every|indexOf)\b|(?:\.|\[\s*['"`])\s*(?:role|roles|roleName|userRole|accessLevel|permissionLevel|rank|permissions|scopes|groups|perms|scope|authLevel|roleLevel|privilegeLevel|isAdmin|is_admin|isSuperAdmin|isSuperuser|is_superuser|isStaff|is_staff|isOwner)(?![\w$])/;
const RELATIONAL = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

export default astRule({
  id: 'js.rbac.role-check',
  category: 'rbac',
  confidence: 'high',
  message: 'Role or permission check: it must read the roles/permissions claims of Scalekit tokens; record the role names for redirects-roles',
  keywords: ['role', 'Role', 'permission', 'Permission', 'isAdmin', 'is_admin', 'isSuperuser', 'is_superuser', 'isStaff', 'is_staff', 'isSuperAdmin', 'isOwner', 'scope', 'Level', 'rank'],
  gate: (text) => MEMBER_GATE.test(text),
  create(context) {
    return {
      [ts.SyntaxKind.BinaryExpression](node) {
        const binary = node as ts.BinaryExpression;
        if (RELATIONAL.has(binary.operatorToken.kind)) {
          const levels = [binary.left, binary.right].map((side) => chainText(unwrap(side)));
          if (levels.some((text) => text && LEVEL_MEMBER.test(text) && text.includes('.') && SUBJECT.test(text))) {
            context.report(binary, { message: 'Privilege level compared (token or user scope against a required level): map the levels to Scalekit roles or permissions' });
          }
          return;
        }
        if (!EQUALITY.has(binary.operatorToken.kind)) return;
        for (const [member, other] of [[binary.left, binary.right], [binary.right, binary.left]] as const) {
          const text = chainText(unwrap(member));
          if (!text || !ROLE_MEMBER.test(text) || !text.includes('.') || !SUBJECT.test(text)) continue;
          const name = roleValue(other);
          if (name === undefined) continue;
          context.facts.role(name, context.at(other));
          context.report(binary);
          return;
        }
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = unwrap(call.expression);
        if (!ts.isPropertyAccessExpression(callee) || !/^(?:includes|has|indexOf|some|every)$/.test(callee.name.text)) return;
        const receiver = unwrap(callee.expression);
        const receiverText = chainText(receiver);
        const argument = call.arguments[0];
        if (receiverText && LIST_MEMBER.test(receiverText) && receiverText.includes('.') && SUBJECT.test(receiverText) && argument) {
          const name = roleValue(argument);
          if (name !== undefined) record(context, receiverText, name, argument);
          if (name !== undefined || ts.isArrowFunction(unwrap(argument)) || ts.isIdentifier(unwrap(argument))) context.report(call);
          return;
        }
        if (receiverText && REQUIRED_LIST.test(receiverText) && argument) {
          context.report(call);
          return;
        }
        if (ts.isArrayLiteralExpression(receiver) && callee.name.text === 'includes' && argument) {
          const text = chainText(unwrap(argument));
          if (!text || !ROLE_MEMBER.test(text) || !text.includes('.') || !SUBJECT.test(text)) return;
          for (const element of receiver.elements) {
            const name = roleValue(element);
            if (name !== undefined) context.facts.role(name, context.at(element));
          }
          context.report(call);
        }
      },
      [ts.SyntaxKind.PropertyAccessExpression](node) {
        const access = node as ts.PropertyAccessExpression;
        if (!ADMIN_FLAG.test(access.name.text) || !isCondition(access)) return;
        context.report(access, { message: `Admin flag check (${access.name.text}): map it to a Scalekit role and read the roles claim`, confidence: 'medium' });
      },
      [ts.SyntaxKind.SwitchStatement](node) {
        const statement = node as ts.SwitchStatement;
        const text = chainText(unwrap(statement.expression));
        if (!text || !ROLE_MEMBER.test(text) || !text.includes('.') || !SUBJECT.test(text)) return;
        for (const clause of statement.caseBlock.clauses) {
          if (ts.isCaseClause(clause)) {
            const name = roleValue(clause.expression);
            if (name !== undefined) context.facts.role(name, context.at(clause.expression));
          }
        }
        context.report(statement);
      },
    };
  },
});

function record(context: AstRuleContext, receiver: string, name: string, at: ts.Node): void {
  if (/permissions|scopes|perms/.test(receiver)) context.facts.permission(name, context.at(at));
  else context.facts.role(name, context.at(at));
}

/** 'admin' -> admin; Role.ADMIN -> ADMIN. */
function roleValue(node: ts.Node): string | undefined {
  const inner = unwrap(node);
  const text = stringValue(inner);
  if (text !== undefined) return text.length > 0 && text.length <= 64 ? text : undefined;
  if (ts.isPropertyAccessExpression(inner) && /role|permission|scope/i.test(inner.expression.getText())) return inner.name.text;
  return undefined;
}

/**
 * True when the node is tested: in an if/ternary/while condition, negated, or part of && / ||; or returned as a
 * predicate's verdict (`return Boolean(user.isAdmin)`, `(user) => !!user.isAdmin`).
 */
function isCondition(node: ts.Node): boolean {
  let current: ts.Node = node;
  for (let depth = 0; depth < 4; depth += 1) {
    const parent: ts.Node | undefined = current.parent;
    if (!parent) return false;
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === current)) return current !== node || depth > 0 || isVerdict(node);
    if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Boolean' && parent.arguments[0] === current) {
      current = parent;
      continue;
    }
    if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isConditionalExpression(parent)) && (parent as { expression?: ts.Node; condition?: ts.Node }).expression === current) return true;
    if (ts.isConditionalExpression(parent) && parent.condition === current) return true;
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) {
      current = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      current = parent;
      continue;
    }
    if (ts.isParenthesizedExpression(parent)) {
      current = parent;
      continue;
    }
    return false;
  }
  return false;
}

/** A flag returned as it is, from a function named as a check of it (`isAdmin(user) { return user.isAdmin }`). */
function isVerdict(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) return Boolean(current.name && /^(?:is|has|can|check)\w*(?:Admin|Staff|Owner|Superuser|Access)/i.test(current.name.getText()));
    if (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) {
      const holder = current.parent;
      return Boolean(holder && ts.isVariableDeclaration(holder) && /^(?:is|has|can|check)\w*(?:Admin|Staff|Owner|Superuser|Access)/i.test(holder.name.getText()));
    }
  }
  return false;
}
