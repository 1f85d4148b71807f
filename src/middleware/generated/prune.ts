import { Node, Project, ts } from 'ts-morph';

/** What every generated auth module keeps, whatever the app imports: the switch, the verification and the mapping. */
const CORE = ['authProvider', 'verifyScalekitToken', 'toAppUser', 'ScalekitAuthError'];

/** Pruned modules by source and kept names: a dry run, --apply and a re-run of one app prune the same module. */
const pruned = new Map<string, string>();
const MAX_PRUNED = 32;

/**
 * The module with only what the app uses: the exports its code imports (`used`), the core, and what those
 * need; top-level declarations nothing refers to are dropped until none is left.
 */
export function pruneModule(source: string, used: Iterable<string>): string {
  const keep = new Set([...CORE, ...used]);
  const key = `${[...keep].sort().join(',')}\n${source}`;
  const known = pruned.get(key);
  if (known !== undefined) return known;
  const result = pruneUncached(source, keep);
  if (pruned.size >= MAX_PRUNED) pruned.delete(pruned.keys().next().value!);
  pruned.set(key, result);
  return result;
}

function pruneUncached(source: string, keep: ReadonlySet<string>): string {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  const file = project.createSourceFile('module.ts', source);
  for (let changed = true; changed; ) {
    changed = false;
    const statements = file.getStatements();
    for (const statement of statements) {
      const name = declaredName(statement);
      if (!name || keep.has(name)) continue;
      const pattern = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
      const referenced = statements.some((other) => other !== statement && !other.wasForgotten() && !Node.isImportDeclaration(other) && pattern.test(other.getText()));
      if (referenced) continue;
      statement.remove();
      changed = true;
      break;
    }
  }
  for (const declaration of file.getImportDeclarations()) {
    for (const specifier of declaration.getNamedImports()) {
      const local = specifier.getAliasNode()?.getText() ?? specifier.getName();
      const uses = file.getDescendantsOfKind(ts.SyntaxKind.Identifier).filter((identifier) => identifier.getText() === local && !identifier.getFirstAncestorByKind(ts.SyntaxKind.ImportDeclaration));
      if (uses.length === 0) specifier.remove();
    }
    if (declaration.getNamedImports().length === 0 && !declaration.getDefaultImport() && !declaration.getNamespaceImport()) declaration.remove();
  }
  return file.getFullText();
}

function declaredName(statement: Node): string | undefined {
  if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement) || Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement)) return statement.getName();
  if (Node.isVariableStatement(statement)) {
    const declarations = statement.getDeclarations();
    // A destructuring (`const { a, b } = require(...)`) declares several names: kept.
    return declarations.length === 1 && Node.isIdentifier(declarations[0]!.getNameNode()) ? declarations[0]!.getName() : undefined;
  }
  return undefined;
}
