import { Node, SyntaxKind, type BinaryExpression, type CallExpression, type PropertyAccessExpression, type SourceFile } from 'ts-morph';
import { replaceNode } from '../edit/replace.js';
import type { Transform, TransformContext } from './types.js';

const ROLE_FIELD = /^(?:role|userRole|user_role)$/;
/** Expressions that hold the authenticated user (Express, Koa, Fastify, NestJS, next-auth, decoded claims). */
const USER_HOLDER = /^(?:(?:req|request|ctx\.state|context\.state|res\.locals|session|this)\??\.)?(?:user|auth|claims|payload|decoded|currentUser|token)$|^(?:session\??\.user|req\.nextauth\.token)$/;
const EQUALITY = new Set([SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken]);
export const TODO_MARK = 'TODO(scalekit-migrate)';

/**
 * Role checks on the legacy user's single role field become checks of the `roles` claim (a Scalekit
 * membership can hold several roles; legacy users still answer through their `role` field):
 * `user.role === 'admin'` -> `hasRole(user, 'admin')`, `!==` -> `!hasRole(...)`,
 * `['a', 'b'].includes(user.role)` -> `hasAnyRole(user, ['a', 'b'])`. Any other use of the role field
 * (switch, lookups by role, ordering) is left as it is, with a TODO comment, and listed.
 */
export const rbacRoleCheck: Transform = {
  id: 'rbac-role-check',
  description: 'role checks on the legacy role field',
  settles: ['js.rbac.role-check', 'js.rbac.check-call'],
  appliesTo: (file) => /\brole\b|userRole|user_role/.test(file.getFullText()),
  run(file, context) {
    const unsafe: Node[] = [];
    const dataReads: Node[] = [];
    for (;;) {
      const access = nextRoleRead(file, [...unsafe, ...dataReads]);
      if (!access) break;
      const comparison = equalityAround(access);
      const includes = includesAround(access);
      if (comparison) rewriteComparison(file, comparison, access, context);
      else if (includes) rewriteIncludes(file, includes, access, context);
      else if (decides(access)) unsafe.push(access);
      else dataReads.push(access);
    }
    annotate(file, unsafe, context);
  },
};

function nextRoleRead(file: SourceFile, skipped: readonly Node[]): PropertyAccessExpression | undefined {
  return file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).find((access) => {
    if (!ROLE_FIELD.test(access.getName()) || skipped.includes(access)) return false;
    if (!USER_HOLDER.test(holderText(access))) return false;
    const parent = access.getParent();
    if (Node.isBinaryExpression(parent) && parent.getLeft() === access && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return false; // an assignment, not a check
    if (Node.isPropertyAssignment(parent) || Node.isShorthandPropertyAssignment(parent)) return false;
    if (access.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)) return false;
    return true;
  });
}

const COMPARISON = new Set([
  ...EQUALITY,
  SyntaxKind.LessThanToken,
  SyntaxKind.LessThanEqualsToken,
  SyntaxKind.GreaterThanToken,
  SyntaxKind.GreaterThanEqualsToken,
  SyntaxKind.InKeyword,
  SyntaxKind.InstanceOfKeyword,
]);
const DECIDING_CALL = /^(?:includes|indexOf|has|some|every|find|filter|check\w*|can\w*|allow\w*|authori[sz]e\w*|permit\w*|require\w*)$/i;

/**
 * Whether a role read takes part in a decision (a condition, a switch, a lookup keyed by the role, a
 * permission helper's argument); a read that only carries the value along (into a response, a list,
 * a log line) keeps working with the role the generated module maps from the claims.
 */
function decides(access: PropertyAccessExpression): boolean {
  let child: Node = access;
  for (let node = access.getParent(); node && !Node.isBlock(node) && !Node.isSourceFile(node); child = node, node = node.getParent()) {
    if ((Node.isIfStatement(node) || Node.isSwitchStatement(node) || Node.isWhileStatement(node) || Node.isCaseClause(node)) && node.getExpression() === child) return true;
    if (Node.isConditionalExpression(node) && node.getCondition() === child) return true;
    if (Node.isElementAccessExpression(node) && node.getArgumentExpression() === child) return true;
    if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) return true;
    if (Node.isBinaryExpression(node) && COMPARISON.has(node.getOperatorToken().getKind())) return true;
    if (Node.isCallExpression(node) && node.getArguments().includes(child as never)) {
      const callee = node.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
      if (DECIDING_CALL.test(name)) return true;
    }
  }
  return false;
}

/** The expression holding the user, without parentheses and type assertions: `(req.user as User).role` -> `req.user`. */
function holder(access: PropertyAccessExpression): Node {
  let expression: Node = access.getExpression();
  for (;;) {
    if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isNonNullExpression(expression) || Node.isTypeAssertion(expression)) expression = expression.getExpression();
    else return expression;
  }
}

function holderText(access: PropertyAccessExpression): string {
  return holder(access).getText().replace(/\s+/g, '').replace(/!/g, '');
}

function equalityAround(access: PropertyAccessExpression): BinaryExpression | undefined {
  const parent = access.getParent();
  if (!Node.isBinaryExpression(parent) || !EQUALITY.has(parent.getOperatorToken().getKind())) return undefined;
  const other = parent.getLeft() === access ? parent.getRight() : parent.getLeft();
  if (Node.isPropertyAccessExpression(other) && ROLE_FIELD.test(other.getName())) return undefined;
  return parent;
}

function includesAround(access: PropertyAccessExpression): CallExpression | undefined {
  const call = access.getParent();
  if (!Node.isCallExpression(call) || call.getArguments().length !== 1 || call.getArguments()[0] !== access) return undefined;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getName() === 'includes' ? call : undefined;
}

function rewriteComparison(file: SourceFile, comparison: BinaryExpression, access: PropertyAccessExpression, context: TransformContext): void {
  const other = comparison.getLeft() === access ? comparison.getRight() : comparison.getLeft();
  const negated = [SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken].includes(comparison.getOperatorToken().getKind());
  const name = context.useAuth(file, 'hasRole');
  context.rewrite(comparison, `${comparison.getText()} reads the roles claim (several roles per membership): equality became inclusion`);
  replaceNode(comparison, `${negated ? '!' : ''}${name}(${holder(access).getText()}, ${other.getText()})`);
}

function rewriteIncludes(file: SourceFile, call: CallExpression, access: PropertyAccessExpression, context: TransformContext): void {
  const list = (call.getExpression() as PropertyAccessExpression).getExpression();
  const name = context.useAuth(file, 'hasAnyRole');
  context.rewrite(call, `${call.getText()} reads the roles claim (several roles per membership)`);
  replaceNode(call, `${name}(${holder(access).getText()}, ${list.getText()})`);
}

/** Leaves a TODO above each role use that could not be rewritten (once), and lists it. */
function annotate(file: SourceFile, reads: readonly Node[], context: TransformContext): void {
  const statements = [...new Set(reads.map((read) => read.getFirstAncestor((node) => Node.isStatement(node) && !Node.isBlock(node)) ?? read))];
  const sites: Array<{ position: number; indent: string }> = [];
  for (const statement of statements) {
    const previousLine = file.getFullText().slice(0, statement.getStart()).split('\n').at(-2) ?? '';
    context.followUp(statement, 'rbac', `role check the codemod could not rewrite safely (${statement.getText().split('\n')[0]!.slice(0, 80)}): read the roles claim (hasRole / hasAnyRole from the generated module)`);
    context.alreadyDone(statement);
    if (previousLine.includes(TODO_MARK)) continue;
    sites.push({ position: statement.getStart(), indent: statement.getIndentationText() });
  }
  for (const site of sites.sort((a, b) => b.position - a.position)) {
    file.insertText(site.position, `// ${TODO_MARK}: Scalekit users may hold several roles; check them with hasRole(user, name) from the generated auth module.\n${site.indent}`);
  }
}
