import { ts } from 'ts-morph';
import { durationSeconds } from '../facts/durations.js';
import type { LifetimeFact, SecretSource } from '../report.js';
import type { AstRuleContext } from '../rules/types.js';
import { chainText, literalText, property, stringValue, unwrap } from './expression-text.js';

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')` -> X. */
export function envName(node: ts.Node): string | undefined {
  const inner = unwrap(node);
  const text = chainText(inner);
  if (text) {
    const match = /^(?:process\.env|import\.meta\.env|Bun\.env)\.([A-Za-z_][\w]*)$/.exec(text);
    if (match) return match[1];
  }
  if (ts.isCallExpression(inner) && chainText(inner.expression) === 'Deno.env.get') return stringValue(inner.arguments[0]);
  return undefined;
}

/**
 * Where a secret or key argument comes from. Follows a local `const` once
 * (`const SECRET = process.env.JWT_SECRET || 'dev'` -> env JWT_SECRET). Never returns a literal's value.
 */
export function secretSource(node: ts.Node | undefined, context: AstRuleContext, depth = 0): SecretSource | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (ts.isStringLiteralLike(inner) || ts.isTemplateExpression(inner)) return { kind: 'literal' };
  const env = envName(inner);
  if (env) return { kind: 'env', name: env };
  if (ts.isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) return secretSource(inner.left, context, depth);
  }
  if (ts.isCallExpression(inner)) {
    const callee = chainText(inner.expression) ?? '';
    if (/(?:^|\.)readFileSync$|(?:^|\.)readFile$/.test(callee)) {
      const path = stringValue(inner.arguments[0]);
      return path === undefined ? { kind: 'file' } : { kind: 'file', name: path };
    }
    if (/(?:^|\.)(?:createSecretKey|createPrivateKey|createPublicKey|importPKCS8|importSPKI|importJWK)$/.test(callee)) {
      return secretSource(inner.arguments[0], context, depth) ?? { kind: 'expression', name: callee };
    }
    const encodes = ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'encode';
    if ((encodes || /(?:^|\.)from$/.test(callee)) && inner.arguments[0]) return secretSource(inner.arguments[0], context, depth);
  }
  if (ts.isIdentifier(inner) && depth < 2) {
    const initializer = localConstInitializer(inner.text, context.sourceFile);
    if (initializer) return secretSource(initializer, context, depth + 1) ?? { kind: 'expression', name: inner.text };
  }
  const text = chainText(inner);
  if (text) return { kind: 'expression', name: text };
  return { kind: 'expression' };
}

/** The initializer of a top-level `const NAME = ...` in this file. */
export function localConstInitializer(name: string, sourceFile: ts.SourceFile): ts.Expression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
    }
  }
  return undefined;
}

/** A lifetime fact from an option value such as `expiresIn: '15m'` or `maxAge: 1000 * 60 * 60`. */
export function lifetimeOf(
  node: ts.Node | undefined,
  what: LifetimeFact['what'],
  numberUnit: 'seconds' | 'milliseconds',
  context: AstRuleContext,
): Omit<LifetimeFact, 'file' | 'line'> | undefined {
  if (!node) return undefined;
  let value = literalText(node, context.sourceFile);
  if (value === undefined && ts.isIdentifier(unwrap(node))) {
    value = literalText(localConstInitializer((unwrap(node) as ts.Identifier).text, context.sourceFile), context.sourceFile);
  }
  if (value === undefined) return undefined;
  return { what, value, seconds: durationSeconds(value, numberUnit) };
}

/** Records a lifetime option of an options object, when present. */
export function recordLifetime(
  options: ts.Node | undefined,
  key: string,
  what: LifetimeFact['what'],
  numberUnit: 'seconds' | 'milliseconds',
  context: AstRuleContext,
): string | undefined {
  const node = property(options, key);
  const fact = lifetimeOf(node, what, numberUnit, context);
  if (node && fact) context.facts.lifetime(fact, context.at(node));
  return fact?.value;
}

/** String values of an array literal (or a single string). */
export function stringList(node: ts.Node | undefined): string[] {
  if (!node) return [];
  const inner = unwrap(node);
  const single = stringValue(inner);
  if (single !== undefined) return [single];
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.map((element) => stringValue(element)).filter((value): value is string => value !== undefined);
  return [];
}
