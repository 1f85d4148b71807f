import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.jwt.decode-unverified',
  category: 'session-middleware',
  confidence: 'medium',
  message: 'Reads claims from a token without verifying it: the claim names change with Scalekit tokens (sub, xuid, oid, roles)',
  keywords: ['jsonwebtoken', 'jwt-decode', 'decodeJwt', 'jwtDecode', 'jwt.decode'],
  calls: [
    { module: 'jsonwebtoken', path: 'decode' },
    { module: 'jose', path: ['decodeJwt', 'decodeProtectedHeader'] },
    { module: 'jwt-decode', path: ['', 'jwtDecode'] },
    { chain: /^jwt\.decode$/ },
  ],
});
