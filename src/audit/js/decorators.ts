import { ts } from 'ts-morph';
import { unwrap } from './expression-text.js';
import type { ImportMap } from './imports.js';

export interface DecoratorUse {
  /** Export name in the decorator's module (`Column`), or the local name when unresolved. */
  name: string;
  module?: string;
  call?: ts.CallExpression;
  node: ts.Decorator;
}

/** The decorators on a class or member, resolved through the file's imports. */
export function decoratorsOf(node: ts.Node, imports: ImportMap): DecoratorUse[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((decorator) => {
    const expression = unwrap(decorator.expression);
    const call = ts.isCallExpression(expression) ? expression : undefined;
    const target = call ? call.expression : expression;
    const resolved = imports.resolve(target);
    const name = resolved?.path || (ts.isIdentifier(target) ? target.text : target.getText());
    return { name, ...(resolved ? { module: resolved.module } : {}), ...(call ? { call } : {}), node: decorator };
  });
}

/** `Foo` from `() => Foo`, `(type) => Foo`, `'Foo'` or `Foo`. */
export function targetName(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) {
    const body = inner.body;
    return ts.isBlock(body) ? undefined : targetName(body);
  }
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isStringLiteralLike(inner)) return inner.text;
  if (ts.isPropertyAccessExpression(inner)) return inner.name.text;
  if (ts.isArrayLiteralExpression(inner) && inner.elements[0]) return targetName(inner.elements[0]);
  return undefined;
}

/** snake_case of a class name: OrganizationMember -> organization_member. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Naive English plural, as Sequelize and Mongoose do for default table and collection names. */
export function plural(name: string): string {
  if (/(?:s|x|z|ch|sh)$/i.test(name)) return name + 'es';
  if (/[^aeiou]y$/i.test(name)) return name.slice(0, -1) + 'ies';
  return name + 's';
}
