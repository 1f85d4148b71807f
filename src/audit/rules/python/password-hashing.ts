import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.password.hashing',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['bcrypt', 'CryptContext', 'PasswordHasher', 'password_hash', 'pwd_context', 'passlib', 'argon2'],
  patterns: [
    {
      pattern: /\bbcrypt\.(?:hashpw|gensalt)\s*\(|\bCryptContext\s*\(|\bPasswordHasher\s*\(|\bgenerate_password_hash\s*\(|\bpwd_context\.hash\s*\(|\bPasswordHash\s*\(|\bPasswordHash\.recommended\s*\(|\bpassword_hash(?:er)?\.hash\s*\(|\bargon2\.hash\s*\(/,
      category: 'password-hashing',
      message: 'Password hashing: Scalekit imports no hash; decide the password plan (passwordless, SSO, social, reset)',
    },
    {
      pattern: /\bbcrypt\.checkpw\s*\(|\bcheck_password_hash\s*\(|\bpwd_context\.verify\s*\(|\.verify_and_update\s*\(|\bpassword_hash(?:er)?\.verify\s*\(|\bph\.verify\s*\(/,
      category: 'login',
      message: 'Password check: part of a password login; login moves to Scalekit',
    },
  ],
});
