import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';

/** NestJS wiring of auth at module level: `PassportModule` imported by a module (a global `APP_GUARD` is js.nest.use-guards). */
export default astRule({
  id: 'js.nest.module-auth',
  category: 'session-middleware',
  confidence: 'high',
  message: 'PassportModule imported by a NestJS module: its passport strategies guard the routes; they must accept Scalekit sessions',
  keywords: ['PassportModule'],
  create(context) {
    const fromNest = (node: ts.Node, module: string, name: string) => {
      const resolved = context.imports.resolve(node);
      return resolved?.module === module && resolved.path === name;
    };
    return {
      [ts.SyntaxKind.Identifier](node) {
        const parent = node.parent;
        if (!parent) return;
        if (ts.isArrayLiteralExpression(parent) && fromNest(node, '@nestjs/passport', 'PassportModule')) {
          context.report(node, { message: 'PassportModule imported by a NestJS module: its passport strategies guard the routes; they must accept Scalekit sessions' });
        }
        if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isCallExpression(parent.parent) && fromNest(node, '@nestjs/passport', 'PassportModule')) {
          context.report(node, { message: 'PassportModule registered by a NestJS module: its passport strategies guard the routes; they must accept Scalekit sessions' });
        }
      },
    };
  },
});
