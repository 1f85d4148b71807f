import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.crypto.password-kdf',
  category: 'password-hashing',
  confidence: 'high',
  message: 'Derives a password hash with scrypt/pbkdf2 (node:crypto): record the parameters; Scalekit imports no password hash',
  keywords: ['scrypt', 'pbkdf2'],
  calls: [
    { module: ['crypto', 'node:crypto'], path: ['scrypt', 'scryptSync', 'pbkdf2', 'pbkdf2Sync'] },
    { module: ['scrypt-js', 'scrypt-kdf', '@noble/hashes/scrypt', '@noble/hashes/pbkdf2'] },
  ],
});
