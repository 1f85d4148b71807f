import type { TextRule } from '../types.js';

/** Array keys that only an auth-related config file has: guards, JWT and token lifetimes, hashing, roles, flows. */
const AUTH_KEY = /^\s*['"](?:guards?|passwords|auth|jwt|ttl|refresh_ttl|algo|bcrypt|argon|lifetime|expire_on_close|expiration|sign_up|reset_password|forgot_password|roles?|permissions?|activation\w*|\w*(?:2step|two_?factor|2fa)\w*)['"]\s*=>/i;
const seen = new WeakSet<object>();

/**
 * A Laravel `config/*.php` file that configures auth (auth.php, jwt.php, sanctum.php, hashing.php,
 * session.php, a roles or 2FA package's file...): one auth-config finding, on its first auth key.
 */
const rule: TextRule = {
  id: 'php.laravel.auth-config',
  kind: 'text',
  ecosystem: 'php',
  category: ['auth-config', 'mfa'],
  confidence: 'medium',
  message: 'Laravel auth configuration: record its settings; retire the legacy guards after the switch',
  keywords: ['=>'],
  files: /(?:^|\/)config\/[\w.-]+\.php$/,
  pattern: AUTH_KEY,
  classify(match, line, context) {
    if (seen.has(context.facts)) return null;
    seen.add(context.facts);
    const mfa = /2step|two_?factor|2fa/i.test(context.text);
    return { column: match.index + 1, overrides: mfa ? { category: 'mfa', message: 'Two-factor package configuration: factors are not migrated; decide how users re-enrol' } : {} };
  },
};

export default rule;
