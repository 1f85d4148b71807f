import { ts } from 'ts-morph';
import { unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

/** The app's Auth.js config module: `@/auth`, `../lib/auth`, or `auth` itself through a tsconfig `paths` entry. */
export const AUTH_CONFIG_MODULE = /^(?:auth|[@~#]\/(?:lib\/|server\/)?auth|(?:\.{1,2}\/)+(?:[\w-]+\/)*auth(?:\.config)?|(?:\.{1,2}\/)+(?:[\w-]+\/)*server\/auth)(?:\/index)?(?:\.[jt]s)?$/;

/** Auth.js v5: `export const { auth, handlers, signIn, signOut } = NextAuth(config)`; `auth()` then reads the session. */
export default astRule({
  id: 'js.next-auth.auth-helper',
  category: ['session-middleware', 'login', 'logout'],
  confidence: 'high',
  message: 'auth() from the Auth.js config reads the legacy session: updateMiddleware makes it accept Scalekit sessions (dual mode)',
  keywords: ['auth(', 'handlers'],
  create(context) {
    const local = localAuthBinding(context.sourceFile);
    return {
      // `export const { GET, POST } = handlers`: the catch-all route that serves sign-in, the providers' callbacks and sign-out.
      [ts.SyntaxKind.Identifier](node) {
        const identifier = node as ts.Identifier;
        if (identifier.text !== 'handlers' || !ts.isVariableDeclaration(identifier.parent) || identifier.parent.initializer !== identifier) return;
        const binding = context.imports.binding('handlers');
        if (!binding || binding.imported !== 'handlers' || !AUTH_CONFIG_MODULE.test(binding.module)) return;
        context.report(identifier, { category: 'login', message: 'Auth.js route handlers (sign-in and provider callbacks): replaced by the Scalekit login and callback routes' });
        context.report(identifier, { category: 'logout', message: 'Auth.js route handlers (sign-out): replaced by the Scalekit logout route' });
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = unwrap(call.expression);
        if (!ts.isIdentifier(callee) || callee.text !== 'auth') return;
        const binding = context.imports.binding('auth');
        const imported = binding && binding.imported === 'auth' && AUTH_CONFIG_MODULE.test(binding.module);
        if (imported || local) context.report(call);
      },
    };
  },
});

/** True when this file destructures `auth` from a NextAuth(...) call. */
function localAuthBinding(sourceFile: ts.SourceFile): boolean {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isObjectBindingPattern(declaration.name) || !declaration.initializer) continue;
      const init = unwrap(declaration.initializer);
      const callee = ts.isCallExpression(init) ? unwrap(init.expression) : undefined;
      if (callee && ts.isIdentifier(callee) && callee.text === 'NextAuth' && declaration.name.elements.some((element) => element.name.getText(sourceFile) === 'auth')) return true;
    }
  }
  return false;
}
