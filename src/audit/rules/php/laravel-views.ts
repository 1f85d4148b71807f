import { patternRule } from '../../text/kit.js';

/**
 * Blade views and PHP code that link to the auth flows by route name (`route('logout')`), show
 * role-dependent UI (`@role`, `->hasRole()`), or run an account-activation flow.
 */
export default patternRule({
  id: 'php.laravel.flow-links',
  ecosystem: 'php',
  confidence: 'medium',
  keywords: ['route(', '@role', '@level', '@permission', 'hasRole', 'isAdmin', 'ctivat', 'social'],
  patterns: [
    { pattern: /\broute\(\s*['"]logout['"]/, category: 'logout', message: 'Logout link or form: point it at the logout that also ends the Scalekit session' },
    { pattern: /\broute\(\s*['"]login['"]|\bactivity\(\s*['"]login/, category: 'login', message: 'Login link or form: login becomes a redirect to Scalekit' },
    { pattern: /\broute\(\s*['"]register['"]/, category: 'signup', message: 'Sign-up link or form: Scalekit hosted sign-up replaces it' },
    { pattern: /\broute\(\s*['"]password\.(?:request|email|reset|update)['"]/, category: 'password-reset', message: 'Password reset link or form: retired or redirected to the Scalekit hosted flow' },
    { pattern: /@(?:role|level|permission)\s*\(|->(?:hasRole|hasPermission|isAdmin|attachRole|detachAllRoles|syncRoles|level)\s*\(|\bHasRoleAndPermission\b/, category: 'rbac', message: 'Role check or assignment: map roles to Scalekit and read the roles claim' },
    { pattern: /\b[Aa]ctivation(?:Repository|Trait|Token|s)?\b|SendActivationEmail/, category: 'email-verification', message: 'Account activation by email: Scalekit verifies addresses itself; retire this flow' },
    { pattern: /\broute\(\s*['"]social\.\w+['"]|\/social\/(?:redirect|handle)/, category: 'oauth-provider', message: 'Social login link: point it at the Scalekit social connection' },
  ],
});
