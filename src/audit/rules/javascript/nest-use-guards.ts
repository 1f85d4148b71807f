import { ts } from 'ts-morph';
import { unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';
import type { Category } from '../../categories.js';

const GUARDS: ReadonlyArray<readonly [RegExp, Category, string]> = [
  [/role|permission|polic|abilit|casl|admin/i, 'rbac', 'Role or permission guard on these routes: checks move to the roles/permissions claims of Scalekit tokens'],
  [/api-?key/i, 'api-key', 'API key guard: keep it working in dual and scalekit modes'],
  [/local/i, 'login', 'Password login guard: login becomes a redirect to Scalekit and a callback'],
  [/auth|jwt|session|token|bearer|clerk|firebase|supabase|cognito|auth0|logged/i, 'session-middleware', 'Authentication guard on these routes: updateMiddleware makes it accept Scalekit tokens (dual mode)'],
];

export default astRule({
  id: 'js.nest.use-guards',
  category: ['session-middleware', 'rbac', 'api-key', 'login'],
  confidence: 'high',
  message: 'NestJS guard',
  keywords: ['UseGuards', 'APP_GUARD'],
  create(context) {
    const check = (node: ts.Node, guard: ts.Node) => {
      const inner = unwrap(guard);
      if (!ts.isIdentifier(inner)) return;
      const found = GUARDS.find(([pattern]) => pattern.test(inner.text));
      if (found) context.report(node, { category: found[1], message: `${inner.text}: ${found[2]}` });
    };
    return {
      [ts.SyntaxKind.Decorator](node) {
        const expression = unwrap((node as ts.Decorator).expression);
        if (!ts.isCallExpression(expression)) return;
        const resolved = context.imports.resolve(expression.expression);
        if (resolved?.module !== '@nestjs/common' || resolved.path !== 'UseGuards') return;
        for (const guard of expression.arguments) check(node, guard);
      },
      [ts.SyntaxKind.ObjectLiteralExpression](node) {
        const object = node as ts.ObjectLiteralExpression;
        let provides: ts.Node | undefined;
        let useClass: ts.Node | undefined;
        for (const element of object.properties) {
          if (!ts.isPropertyAssignment(element) || !ts.isIdentifier(element.name)) continue;
          if (element.name.text === 'provide') provides = element.initializer;
          if (element.name.text === 'useClass' || element.name.text === 'useExisting') useClass = element.initializer;
        }
        if (provides && useClass && ts.isIdentifier(unwrap(provides)) && (unwrap(provides) as ts.Identifier).text === 'APP_GUARD') check(object, useClass);
      },
    };
  },
});
