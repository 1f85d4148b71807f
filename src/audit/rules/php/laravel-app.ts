import { patternRule } from '../../text/kit.js';

/**
 * Laravel auth beyond the facade: scaffold traits, middleware registration and aliases, the
 * app's own Authenticate/RedirectIfAuthenticated classes, JWT guards (tymon/jwt-auth), token
 * refresh, password brokers, bcrypt() and Auth::routes().
 */
export default patternRule({
  id: 'php.laravel.app-auth',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['Auth', 'auth', 'middleware', 'JWT', 'Password', 'bcrypt', 'guard', 'Verif', 'logout', 'refresh'],
  patterns: [
    {
      pattern: /->middleware\(\s*\[?\s*['"](?:auth[\w.:-]*|jwt\.[\w.]+)['"]|['"]middleware['"]\s*=>\s*\[?\s*['"](?:auth[\w.:,-]*|jwt\.\w+|guest(?::\w+)?)['"]|^\s*['"](?:auth|auth\.basic|auth\.session|jwt\.auth|guest|verified|password\.confirm)['"]\s*=>|class\s+(?:Authenticate|RedirectIfAuthenticated)\b/,
      category: 'session-middleware',
      message: 'Laravel auth middleware (alias, registration or guard class): make it accept Scalekit sessions (dual mode)',
    },
    { pattern: /['"]middleware['"]\s*=>\s*\[[^\]]*['"](?:role|permission|level)[:'"]|^\s*['"](?:role|permission|level)['"]\s*=>|->middleware\(\s*\[?\s*['"](?:role|permission|can):/, category: 'rbac', message: 'Role or permission middleware: map roles to Scalekit and read the roles claim' },
    { pattern: /\bguard\(\s*[^)]*\)->attempt\s*\(|\$this->guard\(\)->attempt\s*\(/, category: 'login', message: 'Password login through the auth guard: login moves to Scalekit' },
    { pattern: /->fromUser\s*\(|\bJWTAuth::(?:attempt|fromUser|encode)\s*\(|\bimplements\s+[\w\\,\s]*JWTSubject\b|->setToken\s*\(|->getToken\s*\(\)/, category: 'token-issuance', message: 'Issues a legacy JWT (tymon/jwt-auth): Scalekit issues tokens after the switch' },
    { pattern: /\bguard\([^)]*\)->refresh\s*\(|\bJWTAuth::refresh\s*\(|['"]jwt\.refresh['"]/, category: 'refresh-token', message: 'Refreshes a legacy JWT: becomes a Scalekit refresh-token exchange' },
    { pattern: /\bguard\([^)]*\)->logout\s*\(|\$this->guard\(\)->logout\s*\(|\bJWTAuth::invalidate\s*\(/, category: 'logout', message: 'Logout through the auth guard: also redirect to the Scalekit logout URL' },
    { pattern: /\bPassword::(?:broker|sendResetLink|reset|RESET_LINK_SENT|PASSWORD_RESET)\b|->sendResetLink\s*\(|\bsendPasswordResetNotification\s*\(/, category: 'password-reset', message: 'Password reset (broker, reset link): retired or redirected to the Scalekit hosted flow' },
    { pattern: /\bbcrypt\s*\(|\bHash::make\s*\(/, category: 'password-hashing', message: 'Hashes a password: Scalekit imports no hash; decide the password plan' },
    { pattern: /->markEmailAsVerified\s*\(|->hasVerifiedEmail\s*\(|->sendEmailVerificationNotification\s*\(/, category: 'email-verification', message: 'Email verification: Scalekit verifies addresses itself; export email_verified_at' },
    { pattern: /\bAuth::routes\s*\(/, category: 'login', message: 'Auth::routes(): login, registration, logout and password reset routes; they move to Scalekit' },
  ],
});
