import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';

export default astRule({
  id: 'js.nest.guard-class',
  category: ['session-middleware', 'rbac', 'api-key'],
  confidence: 'high',
  message: 'NestJS guard class',
  keywords: ['CanActivate'],
  create(context) {
    return {
      [ts.SyntaxKind.ClassDeclaration](node) {
        const declaration = node as ts.ClassDeclaration;
        const implementsCanActivate = declaration.heritageClauses?.some(
          (clause) => clause.token === ts.SyntaxKind.ImplementsKeyword && clause.types.some((type) => type.expression.getText(context.sourceFile) === 'CanActivate'),
        );
        if (!implementsCanActivate || !declaration.name) return;
        const name = declaration.name.text;
        if (/role|permission|polic|abilit|casl|admin/i.test(name)) {
          context.report(declaration.name, { category: 'rbac', message: `Guard ${name} enforces roles or permissions: it must read the roles/permissions claims of Scalekit tokens` });
        } else if (/api-?key/i.test(name)) {
          context.report(declaration.name, { category: 'api-key', message: `Guard ${name} checks API keys: keep it working in dual and scalekit modes` });
        } else if (/auth|jwt|session|token|bearer|logged/i.test(name)) {
          context.report(declaration.name, { category: 'session-middleware', message: `Guard ${name} authenticates requests with legacy credentials: updateMiddleware adds Scalekit validation (dual mode)` });
        }
      },
    };
  },
});
