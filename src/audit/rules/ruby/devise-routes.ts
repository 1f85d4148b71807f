import { patternRule } from '../../text/kit.js';

/** `devise_for` routes every Devise flow at once: besides login, sign-up, logout and reset. */
export default patternRule({
  id: 'ruby.devise.routes',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['devise_for'],
  patterns: [
    { pattern: /^\s*devise_for\s+:\w+(?![^\n]*skip:\s*\[?\s*:registrations?\b)/, category: 'signup', message: 'devise_for routes sign-up: Scalekit hosted sign-up replaces it' },
    { pattern: /^\s*devise_for\s+:/, category: 'logout', message: 'devise_for routes logout: also redirect to the Scalekit logout URL' },
    { pattern: /^\s*devise_for\s+:/, category: 'password-reset', message: 'devise_for routes password reset: retired or redirected to the Scalekit hosted flow' },
  ],
});
