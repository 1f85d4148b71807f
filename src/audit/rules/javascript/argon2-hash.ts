import { callRule } from '../../js/kit.js';

export const ARGON2_MODULES = ['argon2', '@node-rs/argon2', 'argon2-browser', '@phc/argon2', 'argon2-wasm'];

export default callRule({
  id: 'js.argon2.hash',
  category: 'password-hashing',
  confidence: 'high',
  message: 'Hashes passwords with argon2: Scalekit imports no password hash; decide the password plan (passwordless, SSO, social, reset)',
  keywords: ['argon2'],
  calls: [{ module: ARGON2_MODULES, path: ['hash', 'hashRaw', 'hashSync'] }],
});
