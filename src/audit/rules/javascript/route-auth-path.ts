import { ts } from 'ts-morph';
import { chainText, property, stringValue, unwrap } from '../../js/expression-text.js';
import { isFunctionLike } from '../../js/analyze.js';
import { astRule } from '../../js/kit.js';
import { hasAuthPathString } from '../../js/gates.js';
import { AUTH_PATH_CATEGORIES, authPathCategory } from '../../shared/auth-paths.js';
import type { Category } from '../../categories.js';

const VERBS = /\.(?:get|post|put|patch|delete|del|all|options|route)$/;
const HTTP_CLIENT = /^(?:axios|api|http|client|apiClient|httpClient|request|ky|superagent|\$http|this\.http|this\.httpClient|fetcher)(?:\.|$)/;
const NEST_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All']);
const NEXT_ROUTE_FILE = /(?:^|\/)(?:src\/)?(app|pages)\/(.+?)(?:\/(?:page|route))?\.(?:tsx?|jsx?|mjs)$/;

const FLOW: Record<Category, string> = {
  login: 'Login route: it becomes a redirect to Scalekit (getAuthorizationUrl) plus a callback (authenticateWithCode)',
  signup: 'Sign-up route: Scalekit hosted sign-up replaces it; move its side effects (default org, role, welcome email) to the callback',
  logout: 'Logout route: clear app cookies, then redirect to Scalekit getLogoutUrl',
  'password-reset': 'Password reset route: retired or redirected to the Scalekit hosted flow; reset links already sent stop working',
  'email-verification': 'Email verification route: Scalekit verifies addresses itself; this flow is retired',
  'refresh-token': 'Token refresh route: becomes refreshAccessToken(refreshToken) with Scalekit',
  'oauth-provider': 'OAuth/SSO callback route: set up the connection in Scalekit and register its redirect URI',
  mfa: 'MFA route: factors are not migrated; decide how users re-enrol',
  'api-key': 'API key route: keep API keys working in dual and scalekit modes',
  'session-middleware': '',
  'token-issuance': '',
  rbac: '',
  'password-hashing': '',
  'user-model': '',
  'org-model': '',
  'role-model': '',
  'auth-config': '',
};

export default astRule({
  id: 'js.route.auth-path',
  category: AUTH_PATH_CATEGORIES,
  confidence: 'medium',
  message: 'Auth route',
  gate: (text, file) => hasAuthPathString(text) || text.includes('@nestjs/common') || isAuthRouteFile(file),
  keywords: ['login', 'Login', 'logout', 'Logout', 'signin', 'signIn', 'sign-in', 'signup', 'signUp', 'sign-up', 'signout', 'sign-out', 'register', 'password', 'Password', 'verify', 'confirm', 'refresh', 'oauth', 'callback', 'sso', 'saml', '2fa', 'mfa', 'totp', 'api-key', 'forgot', 'auth'],
  create(context) {
    const report = (node: ts.Node, path: string, client = false) => {
      const category = authPathCategory(path);
      if (!category) return;
      const message = client ? `Calls the auth endpoint ${path} from client code: the screen behind it changes with the ${category} flow` : `${FLOW[category]} (${path})`;
      context.report(node, { category, message, ...(client ? { confidence: 'low' as const } : {}) });
    };
    const nextRoute = NEXT_ROUTE_FILE.exec(context.file);
    const appRouteFile = /(?:^|\/)app\/(?:.+\/)?(?:page|route)\.(?:tsx?|jsx?|mjs)$/.test(context.file);
    const nextPath = nextRoute && (nextRoute[1] === 'pages' || appRouteFile) && !/\[\.\.\.nextauth\]|(?:^|\/)_(?:app|document)|(?:^|\/)api\/auth\/\[/.test(nextRoute[2]!) ? routeOfFile(nextRoute[1]!, nextRoute[2]!) : undefined;
    let fileRouteReported = false;
    const exported = (node: ts.Node) => {
      if (!nextPath || fileRouteReported || node.parent !== context.sourceFile) return;
      fileRouteReported = true;
      report(node, nextPath);
    };
    const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const path = stringValue(call.arguments[0]);
        if (path === undefined || !path.startsWith('/')) return;
        const callee = chainText(call.expression);
        if (!callee) return;
        if (callee === 'fetch' || (HTTP_CLIENT.test(callee) && /\.(?:get|post|put|patch|delete)$/.test(callee))) return report(call, path, true);
        // TanStack Router file routes: `createFileRoute('/login')({ component })`.
        if (/^create(?:Lazy)?FileRoute$/.test(callee)) return report(call, path);
        if (!VERBS.test(callee)) return;
        const hasHandler = call.arguments.slice(1).some((argument) => isFunctionLike(unwrap(argument)) || ts.isIdentifier(unwrap(argument)) || ts.isPropertyAccessExpression(unwrap(argument)) || ts.isCallExpression(unwrap(argument)));
        if (hasHandler || callee.endsWith('.route')) report(call, path);
      },
      [ts.SyntaxKind.ObjectLiteralExpression](node) {
        const object = node as ts.ObjectLiteralExpression;
        const method = property(object, 'method');
        const pathNode = property(object, 'path') ?? property(object, 'url');
        const path = stringValue(pathNode);
        if (method && pathNode && path?.startsWith('/') && (property(object, 'handler') || property(object, 'options') || property(object, 'config'))) report(pathNode, path);
      },
      [ts.SyntaxKind.Decorator](node) {
        const expression = unwrap((node as ts.Decorator).expression);
        if (!ts.isCallExpression(expression)) return;
        const resolved = context.imports.resolve(expression.expression);
        if (resolved?.module !== '@nestjs/common' || !NEST_METHODS.has(resolved.path)) return;
        const path = stringValue(expression.arguments[0]);
        if (path === undefined) return;
        report(node, `/${controllerPrefix(node)}/${path}`.replace(/\/+/g, '/'));
      },
      [ts.SyntaxKind.ExportAssignment]: exported,
      [ts.SyntaxKind.FunctionDeclaration](node) {
        if (isExported(node)) exported(node);
      },
      [ts.SyntaxKind.VariableStatement](node) {
        if (isExported(node)) exported(node);
      },
    };
  },
});

/** A Next.js page or route file whose own path names an auth flow (reported by the export handlers). */
function isAuthRouteFile(file: string): boolean {
  const route = NEXT_ROUTE_FILE.exec(file);
  const path = route && routeOfFile(route[1]!, route[2]!);
  return path !== undefined && path !== null && authPathCategory(path) !== undefined;
}

/** `app/(auth)/login/page.tsx` -> /login; `pages/api/auth/logout.ts` -> /api/auth/logout. */
function routeOfFile(router: string, rest: string): string | undefined {
  const segments = rest.split('/').filter((segment) => !/^\(.*\)$/.test(segment) && segment !== 'index');
  return '/' + segments.join('/').replace(/\/(?:page|route)$/, '');
}

function controllerPrefix(node: ts.Node): string {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isClassDeclaration(current)) current = current.parent;
  if (!current) return '';
  for (const decorator of ts.getDecorators(current) ?? []) {
    const expression = unwrap(decorator.expression);
    if (ts.isCallExpression(expression) && chainText(expression.expression) === 'Controller') return stringValue(expression.arguments[0]) ?? stringValue(property(expression.arguments[0], 'path')) ?? '';
  }
  return '';
}
