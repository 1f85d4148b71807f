import { Node, SyntaxKind, type ImportDeclaration, type SourceFile, type VariableStatement } from 'ts-morph';

/** How a file binds a module's values: whole-module names and named imports (type-only imports excluded). */
export interface ModuleBindings {
  /** Local names bound to the module object: default, namespace, `require(...)`. */
  namespaces: Set<string>;
  /** Local name -> imported export name. */
  named: Map<string, string>;
}

/** The value bindings of `module` (exact specifier or a test) in a file, ESM or CommonJS. */
export function moduleBindings(file: SourceFile, module: string | RegExp): ModuleBindings {
  const matches = (specifier: string) => (typeof module === 'string' ? specifier === module : module.test(specifier));
  const bindings: ModuleBindings = { namespaces: new Set(), named: new Map() };
  for (const declaration of file.getImportDeclarations()) {
    if (!matches(declaration.getModuleSpecifierValue()) || declaration.isTypeOnly()) continue;
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) bindings.namespaces.add(defaultImport.getText());
    const namespace = declaration.getNamespaceImport();
    if (namespace) bindings.namespaces.add(namespace.getText());
    for (const element of declaration.getNamedImports()) {
      if (element.isTypeOnly()) continue;
      const imported = element.getName();
      const local = element.getAliasNode()?.getText() ?? imported;
      if (imported === 'default') bindings.namespaces.add(local);
      else bindings.named.set(local, imported);
    }
  }
  for (const call of requireCalls(file)) {
    if (!matches(call.specifier)) continue;
    const declaration = call.node.getParentIfKind(SyntaxKind.VariableDeclaration);
    if (!declaration) continue;
    const name = declaration.getNameNode();
    if (Node.isIdentifier(name)) bindings.namespaces.add(name.getText());
    else if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
        bindings.named.set(element.getName(), imported);
      }
    }
  }
  return bindings;
}

function requireCalls(file: SourceFile): Array<{ node: Node; specifier: string }> {
  const found: Array<{ node: Node; specifier: string }> = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isIdentifier(callee) || callee.getText() !== 'require') continue;
    const argument = call.getArguments()[0];
    if (argument && Node.isStringLiteral(argument)) found.push({ node: call, specifier: argument.getLiteralValue() });
  }
  return found;
}

/** True when the file is CommonJS: a `.cjs`/`.cts` file, or a `.js` file with `require` and no import/export statements (unless the package says module). */
export function isCommonJsFile(file: SourceFile, packageType: 'module' | 'commonjs'): boolean {
  const path = file.getFilePath();
  if (/\.c[jt]s$/.test(path)) return true;
  if (/\.m[jt]s$/.test(path) || /\.tsx?$/.test(path)) return false;
  const esm = file.getImportDeclarations().length > 0 || file.getExportDeclarations().length > 0 || file.getExportAssignments().length > 0 || hasExportKeyword(file);
  if (esm) return false;
  return packageType !== 'module';
}

function hasExportKeyword(file: SourceFile): boolean {
  return file.getStatements().some((statement) => Node.isModifierable(statement) && statement.hasModifier(SyntaxKind.ExportKeyword));
}

/** Every identifier text in the file: used to pick import names that collide with nothing. */
function takenNames(file: SourceFile): Set<string> {
  return new Set(file.getDescendantsOfKind(SyntaxKind.Identifier).map((identifier) => identifier.getText()));
}

function freeName(file: SourceFile, wanted: string): string {
  const taken = takenNames(file);
  if (!taken.has(wanted)) return wanted;
  const base = 'scalekit' + wanted[0]!.toUpperCase() + wanted.slice(1);
  for (let index = 0; ; index += 1) {
    const candidate = index === 0 ? base : `${base}${index + 1}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Imports `name` from `specifier` into the file and returns the local name: the existing binding when
 * there is one, else `name`, or an alias when the file already uses that name. ESM files get an import
 * declaration (never merged into a type-only one); CommonJS files a destructuring `require`.
 */
export function importNamed(file: SourceFile, specifier: string, name: string, commonJs: boolean): string {
  return commonJs ? requireNamed(file, specifier, name) : importNamedEsm(file, specifier, name);
}

function importNamedEsm(file: SourceFile, specifier: string, name: string): string {
  const existing = file.getImportDeclarations().filter((declaration) => declaration.getModuleSpecifierValue() === specifier && !declaration.isTypeOnly());
  for (const declaration of existing) {
    for (const element of declaration.getNamedImports()) {
      if (element.getName() === name && !element.isTypeOnly()) return element.getAliasNode()?.getText() ?? name;
    }
  }
  const local = freeName(file, name);
  const element = local === name ? name : { name, alias: local };
  const target: ImportDeclaration | undefined = existing.find((declaration) => !declaration.getNamespaceImport());
  if (target) {
    target.addNamedImport(element);
    return local;
  }
  const imports = file.getImportDeclarations();
  const index = imports.length ? imports[imports.length - 1]!.getChildIndex() + 1 : directivePrologueLength(file);
  file.insertImportDeclaration(index, { moduleSpecifier: specifier, namedImports: [element] });
  return local;
}

function directivePrologueLength(file: SourceFile): number {
  let index = 0;
  for (const statement of file.getStatements()) {
    if (Node.isExpressionStatement(statement) && Node.isStringLiteral(statement.getExpression())) index += 1;
    else break;
  }
  return index;
}

function requireNamed(file: SourceFile, specifier: string, name: string): string {
  for (const call of requireCalls(file)) {
    if (call.specifier !== specifier) continue;
    const pattern = call.node.getParentIfKind(SyntaxKind.VariableDeclaration)?.getNameNode();
    if (!pattern || !Node.isObjectBindingPattern(pattern)) continue;
    for (const element of pattern.getElements()) {
      if ((element.getPropertyNameNode()?.getText() ?? element.getName()) === name) return element.getName();
    }
    const local = freeName(file, name);
    const elements = pattern.getElements().map((element) => element.getText());
    pattern.replaceWithText(`{ ${[...elements, local === name ? name : `${name}: ${local}`].join(', ')} }`);
    return local;
  }
  const local = freeName(file, name);
  const statement = `const { ${local === name ? name : `${name}: ${local}`} } = require('${specifier}');`;
  const lastRequire = topLevelRequireStatements(file).at(-1);
  const index = lastRequire ? lastRequire.getChildIndex() + 1 : directivePrologueLength(file);
  file.insertStatements(index, statement);
  return local;
}

function topLevelRequireStatements(file: SourceFile): VariableStatement[] {
  return file.getVariableStatements().filter((statement) =>
    statement.getDeclarations().some((declaration) => {
      const init = declaration.getInitializer();
      return init !== undefined && /^require\(/.test(init.getText());
    }),
  );
}

/**
 * Removes import bindings among `names` that nothing in the file references any more (after the
 * legacy code that used them was removed); drops declarations left empty.
 */
export function removeUnusedBindings(file: SourceFile, names: Iterable<string>): string[] {
  const removed: string[] = [];
  for (const name of names) {
    if (referenceCount(file, name) > 0) continue;
    if (removeImportBinding(file, name) || removeRequireBinding(file, name)) removed.push(name);
  }
  return removed;
}

/** Identifier uses of `name` outside import/require declarations. */
function referenceCount(file: SourceFile, name: string): number {
  return file.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => {
    if (identifier.getText() !== name) return false;
    if (identifier.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)) return false;
    const parent = identifier.getParent();
    if (parent && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
    if (parent && Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier) return false;
    const declaration = identifier.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    if (declaration && /^require\(/.test(declaration.getInitializer()?.getText() ?? '') && declaration.getNameNode().getPos() <= identifier.getPos() && identifier.getEnd() <= declaration.getNameNode().getEnd()) return false;
    return true;
  }).length;
}

function removeImportBinding(file: SourceFile, name: string): boolean {
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.getDefaultImport()?.getText() === name) {
      declaration.removeDefaultImport();
      cleanUp(declaration);
      return true;
    }
    if (declaration.getNamespaceImport()?.getText() === name) {
      removeStatementLines(declaration);
      return true;
    }
    for (const element of declaration.getNamedImports()) {
      if ((element.getAliasNode()?.getText() ?? element.getName()) === name) {
        element.remove();
        cleanUp(declaration);
        return true;
      }
    }
  }
  return false;
}

function cleanUp(declaration: ImportDeclaration): void {
  if (!declaration.wasForgotten() && !declaration.getDefaultImport() && !declaration.getNamespaceImport() && declaration.getNamedImports().length === 0) removeStatementLines(declaration);
}

function removeRequireBinding(file: SourceFile, name: string): boolean {
  for (const statement of topLevelRequireStatements(file)) {
    for (const declaration of statement.getDeclarations()) {
      const pattern = declaration.getNameNode();
      if (Node.isIdentifier(pattern) && pattern.getText() === name) {
        if (statement.getDeclarations().length === 1) removeStatementLines(statement);
        else declaration.remove();
        return true;
      }
      if (Node.isObjectBindingPattern(pattern)) {
        const elements = pattern.getElements();
        const match = elements.find((element) => element.getName() === name);
        if (!match) continue;
        if (elements.length === 1) {
          if (statement.getDeclarations().length === 1) removeStatementLines(statement);
          else declaration.remove();
        } else pattern.replaceWithText(`{ ${elements.filter((element) => element !== match).map((element) => element.getText()).join(', ')} }`);
        return true;
      }
    }
  }
  return false;
}

/**
 * Removes a whole statement with its line(s), leaving the blank lines around it as they were
 * (ts-morph's remove() also takes neighbouring blank lines). Forgets the file's nodes: call last.
 */
export function removeStatementLines(statement: Node): void {
  const file = statement.getSourceFile();
  const text = file.getFullText();
  let start = statement.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
  let end = statement.getEnd();
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd >= 0 && /^[ \t]*$/.test(text.slice(end, lineEnd))) end = lineEnd + 1;
  // Between two blank lines: take one of them too, so no double blank line is left behind.
  if (/\n[ \t]*\n$/.test(text.slice(0, start)) && /^[ \t]*\n/.test(text.slice(end))) end = text.indexOf('\n', end) + 1;
  file.replaceWithText(text.slice(0, start) + text.slice(end));
}

/** Identifier texts inside a node: what removing it may leave unused. */
export function identifiersIn(node: Node): Set<string> {
  const names = new Set<string>();
  if (Node.isIdentifier(node)) names.add(node.getText());
  for (const identifier of node.getDescendantsOfKind(SyntaxKind.Identifier)) names.add(identifier.getText());
  return names;
}
