import { callRule } from '../../js/kit.js';

export const BCRYPT_MODULES = ['bcrypt', 'bcryptjs', '@node-rs/bcrypt', 'bcrypt-nodejs', 'bcrypt-ts'];

export default callRule({
  id: 'js.bcrypt.hash',
  category: 'password-hashing',
  confidence: 'high',
  message: 'Hashes passwords with bcrypt: Scalekit imports no password hash; decide the password plan (passwordless, SSO, social, reset)',
  keywords: ['bcrypt'],
  calls: [{ module: BCRYPT_MODULES, path: ['hash', 'hashSync', 'genSalt', 'genSaltSync'] }],
});
