import { ts } from 'ts-morph';
import type { LifetimeFact } from '../report.js';
import type { AstRuleContext } from '../rules/types.js';
import { chainText, property, unwrap } from './expression-text.js';
import { recordLifetime, secretSource, stringList } from './facts.js';

export interface JwtCallShape {
  library: string;
  operation: 'sign' | 'verify' | 'decode' | 'config';
  secret?: ts.Node;
  options?: ts.Node;
  /** Option key of the algorithm(s): `algorithm` for signing, `algorithms` for verifying. */
  algorithmKey?: string;
  expiresKey?: string;
  defaultAlgorithm?: string;
}

/** Records a JWT fact (algorithm, secret source, lifetime) for a sign/verify call or a JWT config object. */
export function recordJwtFact(node: ts.Node, shape: JwtCallShape, context: AstRuleContext): void {
  const algorithmKey = shape.algorithmKey ?? (shape.operation === 'sign' ? 'algorithm' : 'algorithms');
  const algorithms = stringList(property(shape.options, algorithmKey));
  if (algorithms.length === 0 && shape.defaultAlgorithm) algorithms.push(shape.defaultAlgorithm);
  const what: LifetimeFact['what'] = isRefreshContext(node, context) ? 'refresh-token' : 'access-token';
  const expiresIn = shape.operation === 'verify' ? undefined : recordLifetime(shape.options, shape.expiresKey ?? 'expiresIn', what, 'seconds', context);
  const secret = secretSource(shape.secret, context);
  context.facts.jwt(
    { library: shape.library, operation: shape.operation, algorithms, ...(secret ? { secret } : {}), ...(expiresIn ? { expiresIn } : {}) },
    context.at(node),
  );
}

/** True when the token made here is a refresh token: by the variable, property or secret it goes to. */
export function isRefreshContext(node: ts.Node, context: AstRuleContext): boolean {
  let current: ts.Node | undefined = node;
  for (let depth = 0; current && depth < 6; depth += 1) {
    if (ts.isVariableDeclaration(current) || ts.isPropertyAssignment(current)) return /refresh/i.test(current.name.getText(context.sourceFile));
    if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.EqualsToken) return /refresh/i.test(current.left.getText(context.sourceFile));
    if (ts.isCallExpression(current) && current !== node) {
      const text = chainText(current.expression) ?? '';
      if (/refresh/i.test(text)) return true;
    }
    current = current.parent;
  }
  if (ts.isCallExpression(node)) return node.arguments.some((argument) => /refresh/i.test(chainText(unwrap(argument)) ?? ''));
  return false;
}

/**
 * The fluent calls hanging off an expression: for `new SignJWT(p).setProtectedHeader(h).setExpirationTime('2h').sign(k)`
 * starting at the `new`, the calls setProtectedHeader, setExpirationTime, sign with their nodes.
 */
export function fluentCalls(start: ts.Node): Array<{ name: string; call: ts.CallExpression }> {
  const calls: Array<{ name: string; call: ts.CallExpression }> = [];
  let current: ts.Node = start;
  for (let depth = 0; depth < 16; depth += 1) {
    const parent: ts.Node | undefined = current.parent;
    if (!parent) break;
    if (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent)) {
      current = parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === current && parent.parent && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      calls.push({ name: parent.name.text, call: parent.parent });
      current = parent.parent;
      continue;
    }
    break;
  }
  return calls;
}
