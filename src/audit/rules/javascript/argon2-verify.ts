import { callRule } from '../../js/kit.js';
import { ARGON2_MODULES } from './argon2-hash.js';

export default callRule({
  id: 'js.argon2.verify',
  category: 'login',
  confidence: 'high',
  message: 'Checks a password against its argon2 hash: part of a password login; login moves to Scalekit',
  keywords: ['argon2'],
  calls: [{ module: ARGON2_MODULES, path: ['verify', 'verifySync'] }],
});
