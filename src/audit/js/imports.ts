import { ts } from 'ts-morph';
import { chainText, rootName, unwrap } from './expression-text.js';

export interface ImportBinding {
  module: string;
  /** `*` for default and namespace imports (the module object), else the named export. */
  imported: string;
}

/** A chain resolved through the file's imports: `jwt.sign` with `import jwt from 'jsonwebtoken'` -> jsonwebtoken / `sign`. */
export interface ResolvedChain {
  module: string;
  /** Member path below the module object: `sign`, `auth().verifyIdToken`, `Strategy`. */
  path: string;
}

/** The modules a file imports or requires, and which local names they are bound to. */
export class ImportMap {
  readonly modules = new Set<string>();
  private readonly bindings = new Map<string, ImportBinding>();

  static of(sourceFile: ts.SourceFile): ImportMap {
    const map = new ImportMap();
    for (const statement of sourceFile.statements) map.collect(statement);
    return map;
  }

  binding(local: string): ImportBinding | undefined {
    return this.bindings.get(local);
  }

  /** True when the file imports a module matching `test` (exact name, or a regex over the specifier). */
  has(test: string | RegExp): boolean {
    if (typeof test === 'string') return this.modules.has(test);
    for (const module of this.modules) if (test.test(module)) return true;
    return false;
  }

  /** Resolves a callee, `new` target or member chain to the module it comes from, when it does. */
  resolve(expression: ts.Node): ResolvedChain | undefined {
    const inner = unwrap(expression);
    const required = requiredChain(inner);
    if (required) return required;
    const text = chainText(inner);
    if (!text) return undefined;
    const root = rootName(text);
    const binding = this.bindings.get(root);
    if (!binding) return undefined;
    const rest = text.slice(root.length);
    if (binding.imported === '*') return { module: binding.module, path: rest.replace(/^\./, '') };
    return { module: binding.module, path: binding.imported + rest };
  }

  /** Records a `require` found below the top level (inside a function), so later uses resolve too. */
  noteVariable(declaration: ts.VariableDeclaration): void {
    this.collectVariable(declaration);
  }

  private collect(statement: ts.Statement): void {
    if (ts.isImportDeclaration(statement)) {
      if (!ts.isStringLiteral(statement.moduleSpecifier)) return;
      const module = statement.moduleSpecifier.text;
      this.modules.add(module);
      const clause = statement.importClause;
      if (!clause) return;
      if (clause.name) this.bindings.set(clause.name.text, { module, imported: '*' });
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) this.bindings.set(named.name.text, { module, imported: '*' });
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          const imported = (element.propertyName ?? element.name).text;
          this.bindings.set(element.name.text, { module, imported: imported === 'default' ? '*' : imported });
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        this.modules.add(reference.expression.text);
        this.bindings.set(statement.name.text, { module: reference.expression.text, imported: '*' });
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) this.collectVariable(declaration);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      this.modules.add(statement.moduleSpecifier.text);
    } else if (ts.isExpressionStatement(statement)) {
      const module = requireSpecifier(unwrap(statement.expression));
      if (module) this.modules.add(module);
    }
  }

  private collectVariable(declaration: ts.VariableDeclaration): void {
    if (!declaration.initializer) return;
    const init = unwrap(declaration.initializer);
    // const x = require('m')  |  const x = require('m').y  |  const x = await import('m')
    const direct = requireSpecifier(init);
    const member = !direct && (ts.isPropertyAccessExpression(init) ? init : undefined);
    const module = direct ?? (member ? requireSpecifier(unwrap(member.expression)) : undefined);
    if (!module) return;
    this.modules.add(module);
    const imported = member ? member.name.text : '*';
    if (ts.isIdentifier(declaration.name)) {
      this.bindings.set(declaration.name.text, { module, imported: imported === 'default' ? '*' : imported });
    } else if (ts.isObjectBindingPattern(declaration.name) && imported === '*') {
      for (const element of declaration.name.elements) {
        if (!ts.isIdentifier(element.name)) continue;
        const key = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
        this.bindings.set(element.name.text, { module, imported: key === 'default' ? '*' : key });
      }
    }
  }
}

/** `require('m')` or `import('m')` -> 'm'. */
export function requireSpecifier(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node)) return undefined;
  const callee = node.expression;
  const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
  const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
  const first = node.arguments[0];
  if ((isRequire || isImport) && first && ts.isStringLiteralLike(first)) return first.text;
  return undefined;
}

/** `require('m').a.b` -> m / `a.b`. */
function requiredChain(node: ts.Node): ResolvedChain | undefined {
  const text = chainText(node);
  if (!text?.startsWith('require()')) return undefined;
  let base: ts.Node = node;
  while (ts.isPropertyAccessExpression(base) || ts.isCallExpression(base) || ts.isElementAccessExpression(base)) {
    const module = requireSpecifier(base);
    if (module) return { module, path: text.slice('require()'.length).replace(/^\./, '') };
    base = unwrap(base.expression);
  }
  return undefined;
}
