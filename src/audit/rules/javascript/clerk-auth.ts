import { property, stringValue } from '../../js/expression-text.js';
import { vendorRule } from '../../js/vendor-rule.js';

export default vendorRule({
  id: 'js.clerk.auth',
  confidence: 'high',
  message: 'Clerk',
  keywords: ['clerk', 'Clerk'],
  modules: /^@clerk\/(?:nextjs|nextjs\/server|clerk-sdk-node|express|backend|clerk-react|react|remix|fastify|astro)$/,
  usedWhen: /clerk/i,
  methods: {
    clerkMiddleware: { category: 'session-middleware', message: 'Clerk middleware validates legacy sessions: updateMiddleware rewrites it for dual mode' },
    authMiddleware: { category: 'session-middleware', message: 'Clerk authMiddleware validates legacy sessions: updateMiddleware rewrites it for dual mode' },
    requireAuth: { category: 'session-middleware', message: 'Clerk requireAuth protects routes with legacy sessions: updateMiddleware adds Scalekit validation' },
    ClerkExpressRequireAuth: { category: 'session-middleware', message: 'Clerk Express middleware protects routes: updateMiddleware adds Scalekit validation' },
    ClerkExpressWithAuth: { category: 'session-middleware', message: 'Clerk Express middleware reads legacy sessions: updateMiddleware adds Scalekit validation' },
    getAuth: { category: 'session-middleware', message: 'Clerk getAuth reads the legacy session' },
    auth: { category: 'session-middleware', message: 'Clerk auth() reads the legacy session: read the Scalekit session instead' },
    currentUser: { category: 'session-middleware', message: 'Clerk currentUser reads the legacy session user' },
    verifyToken: { category: 'session-middleware', message: 'Clerk verifyToken validates legacy tokens: updateMiddleware adds Scalekit validation (dual mode)' },
    useAuth: { category: 'session-middleware', message: 'Clerk useAuth reads the legacy session in the front end' },
    useUser: { category: 'session-middleware', message: 'Clerk useUser reads the legacy session user in the front end' },
    'users.createUser': { category: 'signup', message: 'Clerk createUser: users are created in Scalekit after the switch' },
    useSignUp: { category: 'signup', message: 'Clerk custom sign-up: Scalekit hosted sign-up replaces it' },
    useSignIn: { category: 'login', message: 'Clerk custom sign-in: login becomes a redirect to Scalekit' },
    redirectToSignIn: { category: 'login', message: 'Clerk redirect to sign-in: redirect to Scalekit getAuthorizationUrl instead' },
    'organizations.createOrganization': { category: 'org-model', message: 'Clerk organizations: export them (exportUsers --source clerk) and create them in Scalekit' },
    useOrganization: { category: 'org-model', message: 'Clerk active organization: read the org (oid/xoid claims) from the Scalekit session' },
    useOrganizationList: { category: 'org-model', message: 'Clerk organization list: organizations move to Scalekit' },
  },
  importOnly: ['auth', 'getAuth', 'currentUser'],
  extraCategories: ['rbac'],
  onCall(call, context) {
    if (!/(?:^|\.)(?:has|protect)$/.test(call.expression.getText(context.sourceFile)) || !context.imports.has(/^@clerk\//)) return;
    const role = stringValue(property(call.arguments[0], 'role'));
    const permission = stringValue(property(call.arguments[0], 'permission'));
    if (role === undefined && permission === undefined) return;
    if (role) context.facts.role(role, context.at(call));
    if (permission) context.facts.permission(permission, context.at(call));
    context.report(call, { category: 'rbac', message: 'Clerk role/permission check: create the roles in Scalekit and read the roles/permissions claims' });
  },
});

