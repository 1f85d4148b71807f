import { property, stringValue } from '../../js/expression-text.js';
import { vendorRule } from '../../js/vendor-rule.js';

export default vendorRule({
  id: 'js.auth0.auth',
  confidence: 'high',
  message: 'Auth0',
  keywords: ['auth0', 'Auth0', 'express-openid-connect', 'express-oauth2-jwt-bearer'],
  modules: /^(?:auth0|@auth0\/[\w-]+(?:\/[\w-]+)?|express-openid-connect|express-oauth2-jwt-bearer)$/,
  usedWhen: /auth0|openid-connect|oauth2-jwt-bearer/i,
  bareCalls: true,
  methods: {
    requiresAuth: { category: 'session-middleware', message: 'Auth0 requiresAuth() protects routes with the legacy session: updateMiddleware adds Scalekit validation (dual mode)' },
    withApiAuthRequired: { category: 'session-middleware', message: 'Auth0 withApiAuthRequired protects an API route: updateMiddleware adds Scalekit validation' },
    withPageAuthRequired: { category: 'session-middleware', message: 'Auth0 withPageAuthRequired protects a page: read the Scalekit session instead' },
    withMiddlewareAuthRequired: { category: 'session-middleware', message: 'Auth0 middleware protection: updateMiddleware rewrites it for dual mode' },
    getSession: { category: 'session-middleware', message: 'Auth0 getSession reads the legacy session: read the Scalekit session instead' },
    getAccessToken: { category: 'session-middleware', message: 'Auth0 getAccessToken reads the legacy access token' },
    'auth0.middleware': { category: 'session-middleware', message: 'Auth0 middleware handles the legacy session: updateMiddleware rewrites it for dual mode' },
    useUser: { category: 'session-middleware', message: 'Auth0 useUser reads the legacy session in the front end' },
    useAuth0: { category: 'session-middleware', message: 'Auth0 useAuth0 reads the legacy session in the front end' },
    requiredScopes: { category: 'rbac', message: 'Auth0 scope check: map scopes to Scalekit permissions and read the permissions claim' },
    claimCheck: { category: 'rbac', message: 'Auth0 claim check: Scalekit claims differ (roles, permissions, xuid, oid)' },
    handleAuth: { category: 'login', message: 'Auth0 route handlers (login, callback, logout): replace them with Scalekit login, callback and logout routes' },
    handleLogin: { category: 'login', message: 'Auth0 login handler: login becomes a redirect to Scalekit (getAuthorizationUrl)' },
    loginWithRedirect: { category: 'login', message: 'Auth0 loginWithRedirect: login becomes a redirect to Scalekit' },
    loginWithPopup: { category: 'login', message: 'Auth0 loginWithPopup: login becomes a redirect to Scalekit' },
    'oauth.passwordGrant': { category: 'login', message: 'Auth0 password grant: password login moves to Scalekit' },
    handleLogout: { category: 'logout', message: 'Auth0 logout handler: log out through Scalekit (getLogoutUrl)' },
    logout: { category: 'logout', message: 'Auth0 logout: log out through Scalekit (getLogoutUrl)' },
    handleCallback: { category: 'oauth-provider', message: 'Auth0 callback handler: becomes the Scalekit callback (authenticateWithCode)' },
    ManagementClient: { category: 'user-model', message: 'Auth0 Management API client: users and organizations live in Auth0; export them with exportUsers --source auth0' },
    Auth0Client: { category: 'auth-config', message: 'Auth0 client configuration: legacy auth configuration (domain, client id and secret)' },
  },
  importOnly: ['getSession', 'getAccessToken', 'useUser'],
  extraCategories: ['auth-config'],
  onCall(call, context) {
    const resolved = context.imports.resolve(call.expression);
    if (!resolved || !/^(?:express-openid-connect|express-oauth2-jwt-bearer)$/.test(resolved.module) || resolved.path !== 'auth') return;
    const options = call.arguments[0];
    const issuer = stringValue(property(options, 'issuerBaseURL'));
    context.report(call, {
      category: 'session-middleware',
      message: `Auth0 ${resolved.module} middleware validates legacy ${resolved.module === 'express-oauth2-jwt-bearer' ? 'access tokens' : 'sessions'}${issuer ? ` from ${issuer}` : ''}: updateMiddleware adds Scalekit validation (dual mode)`,
    });
  },
});
