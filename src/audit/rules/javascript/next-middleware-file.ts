import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';

const MIDDLEWARE_FILE = /(?:^|\/)(?:src\/)?(?:middleware|proxy)\.(?:ts|js|mjs|tsx|jsx)$/;
const AUTH_MODULES = /^(?:next-auth|@auth\/|@clerk\/|@auth0\/|@supabase\/|@kinde|next-firebase-auth|iron-session|jose|jsonwebtoken|better-auth)|(?:^|\/)auth(?:\.config)?$/;

export default astRule({
  id: 'js.next.middleware',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Next.js middleware authenticates requests before they reach pages and API routes: updateMiddleware rewrites it for dual mode',
  keywords: ['middleware', 'proxy'],
  gate: (_text, file) => MIDDLEWARE_FILE.test(file),
  create(context) {
    const authAware = context.imports.has(AUTH_MODULES);
    const relevant = MIDDLEWARE_FILE.test(context.file) && (context.imports.has('next/server') || authAware);
    const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    const wantsName = (name: string) => name === 'middleware' || name === 'proxy';
    return {
      [ts.SyntaxKind.FunctionDeclaration](node) {
        const declaration = node as ts.FunctionDeclaration;
        if (!relevant || !isExported(declaration)) return;
        const isDefault = (ts.getModifiers(declaration) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
        if (isDefault || (declaration.name && wantsName(declaration.name.text))) context.report(declaration, authAware ? undefined : { confidence: 'medium' });
      },
      [ts.SyntaxKind.VariableStatement](node) {
        const statement = node as ts.VariableStatement;
        if (!relevant || !isExported(statement) || statement.parent !== context.sourceFile) return;
        if (statement.declarationList.declarations.some((declaration) => ts.isIdentifier(declaration.name) && wantsName(declaration.name.text))) {
          context.report(statement, authAware ? undefined : { confidence: 'medium' });
        }
      },
      [ts.SyntaxKind.ExportAssignment](node) {
        if (relevant) context.report(node, authAware ? undefined : { confidence: 'medium' });
      },
      [ts.SyntaxKind.ExportDeclaration](node) {
        const declaration = node as ts.ExportDeclaration;
        if (!MIDDLEWARE_FILE.test(context.file) || !declaration.exportClause || !ts.isNamedExports(declaration.exportClause)) return;
        const exportsMiddleware = declaration.exportClause.elements.some((element) => element.name.text === 'default' || wantsName(element.name.text));
        const from = declaration.moduleSpecifier && ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : '';
        if (exportsMiddleware && (relevant || AUTH_MODULES.test(from))) context.report(declaration);
      },
    };
  },
});
