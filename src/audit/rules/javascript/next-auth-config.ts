import { ts } from 'ts-morph';
import { property, stringValue, unwrap } from '../../js/expression-text.js';
import { lifetimeOf, secretSource } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import type { AstRuleContext } from '../../rules/types.js';
import { objectArgument } from '../../js/session-facts.js';

const CONFIG_TYPES = /^(?:NextAuthOptions|AuthOptions|NextAuthConfig|AuthConfig)$/;

export default astRule({
  id: 'js.next-auth.config',
  category: 'auth-config',
  confidence: 'high',
  message: 'NextAuth/Auth.js configuration: providers, session strategy and secret of the legacy auth (backup checklist)',
  keywords: ['next-auth', '@auth/core', 'NextAuth'],
  create(context) {
    const reported = new Set<ts.Node>();
    const record = (node: ts.Node, options: ts.Node | undefined) => {
      if (options && reported.has(options)) return;
      if (options) reported.add(options);
      if (options && ts.isObjectLiteralExpression(options)) recordConfigFacts(node, options, context);
      context.report(node);
    };
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const resolved = context.imports.resolve(call.expression);
        const isNextAuth = resolved && /^(?:next-auth|@auth\/core|@auth\/express|@auth\/sveltekit|@auth\/solid-start|@auth\/qwik)$/.test(resolved.module) && (resolved.path === '' || resolved.path === 'Auth' || resolved.path === 'ExpressAuth' || resolved.path === 'SvelteKitAuth');
        if (!isNextAuth) return;
        const options = objectArgument(call.arguments[0], context.sourceFile);
        record(call, options && ts.isObjectLiteralExpression(options) ? options : undefined);
      },
      [ts.SyntaxKind.VariableDeclaration](node) {
        const declaration = node as ts.VariableDeclaration;
        const typeName = declaration.type && ts.isTypeReferenceNode(declaration.type) ? declaration.type.typeName.getText(context.sourceFile) : undefined;
        const init = declaration.initializer;
        const satisfies = init && ts.isSatisfiesExpression(init) && ts.isTypeReferenceNode(init.type) ? init.type.typeName.getText(context.sourceFile) : undefined;
        if (!CONFIG_TYPES.test(typeName ?? satisfies ?? '')) return;
        const options = init ? unwrap(init) : undefined;
        record(declaration, options);
      },
    };
  },
});

function recordConfigFacts(node: ts.Node, options: ts.ObjectLiteralExpression, context: AstRuleContext): void {
  const session = property(options, 'session');
  const adapter = property(options, 'adapter');
  const strategy = stringValue(property(session, 'strategy')) ?? (adapter ? 'database' : 'jwt');
  const maxAgeNode = property(session, 'maxAge');
  const maxAge = lifetimeOf(maxAgeNode, 'session', 'seconds', context);
  if (maxAgeNode && maxAge) context.facts.lifetime(maxAge, context.at(maxAgeNode));
  const secret = secretSource(property(options, 'secret'), context);
  context.facts.session(
    {
      library: 'next-auth',
      store: strategy === 'database' ? 'database' : 'cookie (JWT)',
      cookieName: 'next-auth.session-token',
      ...(secret ? { secret } : {}),
      ...(maxAge ? { maxAge: maxAge.value } : {}),
    },
    context.at(node),
  );
  if (strategy === 'jwt') {
    context.facts.jwt({ library: 'next-auth', operation: 'config', algorithms: ['A256GCM (JWE)'], ...(secret ? { secret } : {}), ...(maxAge ? { expiresIn: maxAge.value } : {}) }, context.at(node));
  }
}
