import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'go.bcrypt.password',
  ecosystem: 'go',
  confidence: 'high',
  keywords: ['bcrypt.', 'argon2.'],
  patterns: [
    { pattern: /\bbcrypt\.GenerateFromPassword\s*\(|\bargon2\.(?:ID)?Key\s*\(/, category: 'password-hashing', message: 'Password hashing: Scalekit imports no hash; decide the password plan (passwordless, SSO, social, reset)' },
    { pattern: /\bbcrypt\.CompareHashAndPassword\s*\(/, category: 'login', message: 'Password check: part of a password login; login moves to Scalekit' },
  ],
});
