import { ts } from 'ts-morph';
import { unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const AUTH_CONFIG_MODULE = /^(?:[@~#]\/(?:lib\/|server\/)?auth|(?:\.{1,2}\/)+(?:[\w-]+\/)*auth(?:\.config)?|(?:\.{1,2}\/)+(?:[\w-]+\/)*server\/auth)(?:\/index)?(?:\.[jt]s)?$/;

/** Auth.js v5: `export const { auth, handlers, signIn, signOut } = NextAuth(config)`; `auth()` then reads the session. */
export default astRule({
  id: 'js.next-auth.auth-helper',
  category: 'session-middleware',
  confidence: 'high',
  message: 'auth() from the Auth.js config reads the legacy session: updateMiddleware makes it accept Scalekit sessions (dual mode)',
  keywords: ['auth('],
  create(context) {
    const local = localAuthBinding(context.sourceFile);
    return {
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
