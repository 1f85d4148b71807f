import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'php.password.hashing',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['Hash::', 'bcrypt(', 'password_hash', 'password_verify', 'Password::'],
  patterns: [
    { pattern: /\bHash::make\s*\(|(?<![\w>$])bcrypt\s*\(|\bpassword_hash\s*\(/, category: 'password-hashing', message: 'Password hashing: Scalekit imports no hash; decide the password plan (passwordless, SSO, social, reset)' },
    { pattern: /\bHash::check\s*\(|\bpassword_verify\s*\(/, category: 'login', message: 'Password check: part of a password login; login moves to Scalekit' },
    { pattern: /\bPassword::(?:sendResetLink|reset|broker)\s*\(/, category: 'password-reset', message: 'Laravel password reset: retired or redirected to the Scalekit hosted flow; links already sent stop working' },
  ],
});
