import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { identifiersIn, moduleBindings, removeStatementLines, removeUnusedBindings } from './imports.js';

/** Specifiers of the generated auth module, however a file imports it. */
export const AUTH_MODULE_SPECIFIER = /(?:^|\/)scalekit(?:\.[cm]?[jt]s)?$/;

/** Local name -> export name of what the file imports from the generated auth module. */
export function authBindings(file: SourceFile): Map<string, string> {
  return moduleBindings(file, AUTH_MODULE_SPECIFIER).named;
}

/** The call to the auth module's `exported` that `node` sits in as an argument, if any. */
export function enclosingAuthCall(node: Node, exported: string | readonly string[]): CallExpression | undefined {
  const names = typeof exported === 'string' ? [exported] : exported;
  const bindings = authBindings(node.getSourceFile());
  let current: Node | undefined = node.getParent();
  while (current) {
    if (Node.isCallExpression(current)) {
      const callee = current.getExpression();
      const local = Node.isIdentifier(callee) ? callee.getText() : undefined;
      if (local && names.includes(bindings.get(local) ?? '')) return current;
    }
    current = current.getParent();
  }
  return undefined;
}

/** The calls in a file whose callee is `<namespace>.<member>` or a named import of `member` from `module`. */
export function moduleMemberCalls(file: SourceFile, module: string | RegExp, members: readonly string[]): CallExpression[] {
  const bindings = moduleBindings(file, module);
  if (bindings.namespaces.size === 0 && bindings.named.size === 0) return [];
  return file.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    const callee = call.getExpression();
    if (Node.isIdentifier(callee)) return members.includes(bindings.named.get(callee.getText()) ?? '');
    if (Node.isPropertyAccessExpression(callee)) {
      const object = callee.getExpression();
      return Node.isIdentifier(object) && bindings.namespaces.has(object.getText()) && members.includes(callee.getName());
    }
    return false;
  });
}

/** A parameter name not used inside `text`'s identifiers. */
export function freeParameter(taken: Set<string>, wanted = 'token'): string {
  if (!taken.has(wanted)) return wanted;
  for (let index = 2; ; index += 1) if (!taken.has(`${wanted}${index}`)) return `${wanted}${index}`;
}

/**
 * After legacy code was cut out: removes the imports and the module-level constants (secrets read from
 * the environment or literals, not exported) that only it used. Forgets the file's nodes: the session
 * calls it once a transform is done with the file (transforms register names with `dropIfUnused`).
 */
export function removeLeftovers(file: SourceFile, names: Iterable<string>): void {
  const candidates = [...names];
  removeUnusedBindings(file, candidates);
  for (const name of candidates) {
    const declaration = file.getVariableDeclaration(name);
    if (!declaration) continue;
    const statement = declaration.getVariableStatement();
    if (!statement || statement.getParent() !== file || statement.isExported()) continue;
    const initializer = declaration.getInitializer()?.getText() ?? '';
    if (!/^(?:process\.env\b|['"`\d])/.test(initializer)) continue;
    const used = file.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => identifier.getText() === name && identifier !== declaration.getNameNode() && isReference(identifier));
    if (used) continue;
    if (statement.getDeclarations().length === 1) removeStatementLines(statement);
    else declaration.remove();
  }
}

/** False for identifiers that only name a property: `process.env.NAME`, `{ NAME: 1 }`. */
export function isReference(identifier: Node): boolean {
  const parent = identifier.getParent();
  if (!parent) return true;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
  if ((Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent) || Node.isMethodDeclaration(parent) || Node.isPropertySignature(parent)) && parent.getNameNode() === identifier) return false;
  return true;
}

export { identifiersIn };
