import { ts } from 'ts-morph';

/**
 * The dotted text of a callee or member chain, with calls written as `()`:
 * `jwt.sign`, `admin.auth().verifyIdToken`, `this.jwtService.sign`, `req.headers.x-api-key`.
 * Parentheses, `await`, `!` and type assertions are looked through. Undefined for anything
 * that is not a plain chain (a function expression, a computed key that is not a literal...).
 */
export function chainText(expression: ts.Node): string | undefined {
  const parts: string[] = [];
  let node: ts.Node = expression;
  for (let depth = 0; depth < 32; depth += 1) {
    node = unwrap(node);
    if (ts.isPropertyAccessExpression(node)) {
      parts.push('.' + node.name.text);
      node = node.expression;
    } else if (ts.isElementAccessExpression(node)) {
      const key = node.argumentExpression;
      if (!ts.isStringLiteralLike(key)) return undefined;
      parts.push('.' + key.text);
      node = node.expression;
    } else if (ts.isCallExpression(node)) {
      parts.push('()');
      node = node.expression;
    } else if (ts.isIdentifier(node)) {
      parts.push(node.text);
      return parts.reverse().join('');
    } else if (ts.isMetaProperty(node)) {
      parts.push(node.keywordToken === ts.SyntaxKind.ImportKeyword ? 'import.meta' : 'new.target');
      return parts.reverse().join('');
    } else if (node.kind === ts.SyntaxKind.ThisKeyword) {
      parts.push('this');
      return parts.reverse().join('');
    } else if (node.kind === ts.SyntaxKind.SuperKeyword) {
      parts.push('super');
      return parts.reverse().join('');
    } else {
      return undefined;
    }
  }
  return undefined;
}

export function unwrap(node: ts.Node): ts.Node {
  for (;;) {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAwaitExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      node = node.expression;
    } else {
      return node;
    }
  }
}

/** The last member name of a chain: `sign` for `jwt.sign`, `verifyIdToken` for `admin.auth().verifyIdToken`. */
export function lastMember(text: string): string {
  const match = /([A-Za-z_$][\w$-]*)(?:\(\))*$/.exec(text);
  return match?.[1] ?? text;
}

/** The root identifier of a chain: `jwt` for `jwt.sign`, `getAuth` for `getAuth().verifyIdToken`. */
export function rootName(text: string): string {
  const match = /^[A-Za-z_$][\w$]*/.exec(text);
  return match?.[0] ?? text;
}

/** A string the node certainly evaluates to: string literals and substitution-free templates. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (ts.isStringLiteralLike(inner)) return inner.text;
  return undefined;
}

/** The property `name` of an object literal, by key (identifier or string key). */
export function property(object: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!object) return undefined;
  const literal = unwrap(object);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  for (const element of literal.properties) {
    if (ts.isPropertyAssignment(element) && propertyName(element.name) === name) return element.initializer;
    if (ts.isShorthandPropertyAssignment(element) && element.name.text === name) return element.name;
    if (ts.isMethodDeclaration(element) && propertyName(element.name) === name) return element as unknown as ts.Expression;
  }
  return undefined;
}

export function propertyName(name: ts.PropertyName | ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** The literal text of a simple value, for facts: strings, numbers, booleans and small arithmetic like `60 * 60 * 24`. */
export function literalText(node: ts.Node | undefined, sourceFile: ts.SourceFile): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (ts.isStringLiteralLike(inner)) return inner.text;
  if (ts.isNumericLiteral(inner)) return inner.text;
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  if (ts.isBinaryExpression(inner) && isArithmetic(inner)) return inner.getText(sourceFile).replace(/\s+/g, ' ');
  return undefined;
}

function isArithmetic(node: ts.Node): boolean {
  const inner = unwrap(node);
  if (ts.isNumericLiteral(inner)) return true;
  if (ts.isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    const arithmetic = op === ts.SyntaxKind.AsteriskToken || op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.MinusToken || op === ts.SyntaxKind.SlashToken;
    return arithmetic && isArithmetic(inner.left) && isArithmetic(inner.right);
  }
  return false;
}

/** Walks up to the nearest enclosing node that satisfies `test`, at most `limit` levels. */
export function ancestor<T extends ts.Node>(node: ts.Node, test: (node: ts.Node) => node is T, limit = 64): T | undefined {
  let current = node.parent;
  for (let depth = 0; current && depth < limit; depth += 1) {
    if (test(current)) return current;
    current = current.parent;
  }
  return undefined;
}
