import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.django.password',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['make_password', 'PASSWORD_HASHERS', 'set_password', 'check_password', 'PasswordReset', 'default_token_generator'],
  patterns: [
    { pattern: /\bmake_password\s*\(|^\s*PASSWORD_HASHERS\s*=|\.set_password\s*\(/, category: 'password-hashing', message: 'Django password hashing: Scalekit imports no hash; decide the password plan (passwordless, SSO, social, reset)' },
    { pattern: /\bcheck_password\s*\(/, category: 'login', message: 'Django password check: part of a password login; login moves to Scalekit' },
    {
      pattern: /\bPasswordReset(?:Confirm)?View\b|\bdefault_token_generator\b|\bPasswordResetForm\b/,
      category: 'password-reset',
      message: 'Django password reset: retired or redirected to the Scalekit hosted flow; links already sent stop working',
    },
  ],
});
