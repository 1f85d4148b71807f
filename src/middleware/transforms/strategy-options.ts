import { Node, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { identifiersIn } from '../edit/call-sites.js';

/** passport-jwt options that only serve the legacy verification (secrets, keys, algorithms, claims checks). */
const LEGACY_OPTIONS = new Set(['secretOrKey', 'secretOrKeyProvider', 'algorithms', 'issuer', 'audience', 'ignoreExpiration', 'jsonWebTokenOptions']);

/** Removes the legacy-only options from a strategy's options object; returns the identifiers they used. */
export function dropLegacyStrategyOptions(options: Node | undefined): Set<string> {
  const removed = new Set<string>();
  if (!options || !Node.isObjectLiteralExpression(options)) return removed;
  for (const property of (options as ObjectLiteralExpression).getProperties()) {
    const name = Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property) || Node.isMethodDeclaration(property) ? property.getName() : undefined;
    if (!name || !LEGACY_OPTIONS.has(name)) continue;
    for (const identifier of identifiersIn(property)) removed.add(identifier);
    property.remove();
  }
  return removed;
}

/** The value bindings of passport-jwt's Strategy in a file: local names of the class, and namespaces. */
export function isPassportJwtStrategy(node: Node, named: Map<string, string>, namespaces: Set<string>): boolean {
  const text = node.getText();
  if (Node.isIdentifier(node)) return named.get(text) === 'Strategy' || namespaces.has(text);
  return Node.isPropertyAccessExpression(node) && node.getName() === 'Strategy' && namespaces.has(node.getExpression().getText());
}

export function fileOf(node: Node): SourceFile {
  return node.getSourceFile();
}
