import { ts } from 'ts-morph';
import { isFunctionLike } from '../../js/analyze.js';
import { chainText, property, propertyName, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';
import { hasAuthPathString } from '../../js/gates.js';
import { AUTH_PATH_CATEGORIES, authPathCategory } from '../../shared/auth-paths.js';

const REQUEST_METHOD = /(?:^|\.)(?:get|post|put|patch|delete|request|ajax|(?:get|post|put|patch|delete|fetch)JSON)$/;
/** JSX attributes that hold where a form or component sends its request (`<form action="/logout">`, `confirmationEndpoint="/..."`). */
const REQUEST_ATTRIBUTE = /^(?:action|formAction|\w*(?:Endpoint|Url|URL))$/;
const SERVER_ROUTER = /^(?:app|server|routes?|\w*[Rr]outer|fastify|koa)\./;

/**
 * The browser side of an auth flow in a single-page app: client router entries whose path names a
 * flow (`{ path: '/login', component: Login }`, `<Route path="/signup">`), and requests to an auth
 * endpoint from any HTTP helper (`this.form.post('/api/login')`, `$.ajax({ url: '/api/authenticate' })`,
 * `request({ url: API_BASE + '/auth/signin' })`). These screens change when the flow moves to Scalekit.
 */
export default astRule({
  id: 'js.client.auth-screen',
  category: AUTH_PATH_CATEGORIES,
  confidence: 'low',
  message: 'Client-side screen or request of an auth flow',
  gate: hasAuthPathString,
  keywords: ['login', 'Login', 'logout', 'signin', 'signup', 'sign-in', 'sign-up', 'register', 'password', 'verify', 'verification', 'confirm', 'authenticate', 'oauth', 'forgot'],
  create(context) {
    const report = (node: ts.Node, path: string, what: 'route' | 'request') => {
      const category = authPathCategory(path);
      if (!category) return;
      const message = what === 'route' ? `Client route ${path}: this screen changes with the ${category} flow` : `Client request to ${path}: the screen behind it changes with the ${category} flow`;
      context.report(node, { category, message });
    };
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (!callee || !REQUEST_METHOD.test(callee) || SERVER_ROUTER.test(callee)) return;
        // A function or a middleware call after the path makes it a server route, not a request.
        if (call.arguments.some((argument) => isFunctionLike(unwrap(argument)) || ts.isCallExpression(unwrap(argument)))) return;
        const first = call.arguments[0] && unwrap(call.arguments[0]);
        if (!first) return;
        const url = ts.isObjectLiteralExpression(first) ? property(first, 'url') : first;
        const path = url && staticTail(unwrap(url));
        if (path) report(call, path, 'request');
      },
      [ts.SyntaxKind.ObjectLiteralExpression](node) {
        const object = node as ts.ObjectLiteralExpression;
        const path = stringValue(property(object, 'path'));
        if (path?.startsWith('/') && (property(object, 'component') || property(object, 'element') || property(object, 'components'))) report(object, path, 'route');
      },
      [ts.SyntaxKind.JsxSelfClosingElement]: jsxRoute,
      [ts.SyntaxKind.JsxOpeningElement]: jsxRoute,
    };
    function jsxRoute(node: ts.Node) {
      const element = node as ts.JsxSelfClosingElement | ts.JsxOpeningElement;
      for (const attribute of element.attributes.properties) {
        if (!ts.isJsxAttribute(attribute) || !REQUEST_ATTRIBUTE.test(propertyName(attribute.name) ?? '') || !attribute.initializer) continue;
        const value = ts.isStringLiteral(attribute.initializer) ? attribute.initializer.text : ts.isJsxExpression(attribute.initializer) && attribute.initializer.expression ? stringValue(attribute.initializer.expression) : undefined;
        if (value?.startsWith('/')) report(attribute, value, 'request');
      }
      if (!/(?:^|\.)\w*Route$/.test(element.tagName.getText(context.sourceFile))) return;
      for (const attribute of element.attributes.properties) {
        if (!ts.isJsxAttribute(attribute) || propertyName(attribute.name) !== 'path' || !attribute.initializer) continue;
        const value = ts.isStringLiteral(attribute.initializer) ? attribute.initializer.text : ts.isJsxExpression(attribute.initializer) && attribute.initializer.expression ? stringValue(attribute.initializer.expression) : undefined;
        if (value?.startsWith('/')) report(element, value, 'route');
      }
    }
  },
});

/** The literal path of a URL expression: `'/api/login'`, or the last literal of `BASE + '/auth/signin'` / `` `${BASE}/auth/signin` ``. */
function staticTail(node: ts.Node): string | undefined {
  const literal = stringValue(node);
  if (literal !== undefined) return literal.startsWith('/') ? literal : undefined;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return staticTail(unwrap(node.right));
  if (ts.isTemplateExpression(node)) {
    const tail = node.templateSpans.at(-1)?.literal.text;
    return tail?.startsWith('/') ? tail : undefined;
  }
  return undefined;
}
