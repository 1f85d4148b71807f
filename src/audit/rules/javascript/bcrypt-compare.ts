import { callRule } from '../../js/kit.js';
import { BCRYPT_MODULES } from './bcrypt-hash.js';

export default callRule({
  id: 'js.bcrypt.compare',
  category: ['login', 'password-hashing'],
  confidence: 'high',
  message: 'Checks a password against its bcrypt hash: part of a password login; login moves to Scalekit',
  keywords: ['bcrypt'],
  calls: [{ module: BCRYPT_MODULES, path: ['compare', 'compareSync', 'verify', 'verifySync'] }],
  inspect(call, context) {
    // The stored bcrypt hashes are what the import carries over: the code that checks them depends on their format.
    context.report(call, { category: 'password-hashing', message: 'Checks a password against its stored bcrypt hash: the import must carry these hashes over (hash side file)' });
  },
});
