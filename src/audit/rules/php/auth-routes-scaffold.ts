import { patternRule } from '../../text/kit.js';

/** `Auth::routes()` registers every scaffold flow at once: sign-up, logout and reset besides login. */
export default patternRule({
  id: 'php.laravel.auth-routes',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['Auth::routes'],
  patterns: [
    { pattern: /\bAuth::routes\s*\(/, category: 'signup', message: 'Auth::routes() registers sign-up: Scalekit hosted sign-up replaces it' },
    { pattern: /\bAuth::routes\s*\(/, category: 'logout', message: 'Auth::routes() registers logout: also redirect to the Scalekit logout URL' },
    { pattern: /\bAuth::routes\s*\(/, category: 'password-reset', message: 'Auth::routes() registers password reset: retired or redirected to the Scalekit hosted flow' },
  ],
});
