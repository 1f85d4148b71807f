import { callRule } from '../../js/kit.js';
import { BCRYPT_MODULES } from './bcrypt-hash.js';

export default callRule({
  id: 'js.bcrypt.compare',
  category: 'login',
  confidence: 'high',
  message: 'Checks a password against its bcrypt hash: part of a password login; login moves to Scalekit',
  keywords: ['bcrypt'],
  calls: [{ module: BCRYPT_MODULES, path: ['compare', 'compareSync', 'verify', 'verifySync'] }],
});
