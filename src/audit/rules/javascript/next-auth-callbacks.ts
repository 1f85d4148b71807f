import { ts } from 'ts-morph';
import { propertyName } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

export default astRule({
  id: 'js.next-auth.callbacks',
  category: ['token-issuance', 'session-middleware'],
  confidence: 'high',
  message: 'NextAuth jwt/session callback shapes the legacy token and session: map the same fields from Scalekit claims (xuid, oid, roles)',
  keywords: ['callbacks'],
  create(context) {
    const enabled = context.imports.has(/^(?:next-auth|@auth\/)/);
    const check = (node: ts.Node) => {
      if (!enabled) return;
      const member = node as ts.PropertyAssignment | ts.MethodDeclaration;
      const name = propertyName(member.name);
      if (name !== 'jwt' && name !== 'session' && name !== 'authorized') return;
      const object = member.parent;
      const holder = object?.parent;
      if (!object || !ts.isObjectLiteralExpression(object) || !holder || !ts.isPropertyAssignment(holder) || propertyName(holder.name) !== 'callbacks') return;
      if (name === 'authorized') {
        context.report(member, { category: 'session-middleware', message: 'NextAuth authorized callback decides which requests the middleware lets through: it must accept Scalekit sessions' });
        return;
      }
      context.report(member, { message: `NextAuth ${name} callback shapes the legacy ${name === 'jwt' ? 'token' : 'session'}: map the same fields from Scalekit claims (xuid, oid, roles)` });
    };
    return { [ts.SyntaxKind.MethodDeclaration]: check, [ts.SyntaxKind.PropertyAssignment]: check };
  },
});
