import { callRule } from '../../js/kit.js';

const PASSPORTS = ['passport', 'koa-passport', '@fastify/passport', 'fastify-passport'];

export default callRule({
  id: 'js.passport.session',
  category: ['session-middleware', 'token-issuance'],
  confidence: 'high',
  message: 'passport login session',
  keywords: ['passport'],
  calls: [
    { module: PASSPORTS, path: ['session', 'secureSession', 'serializeUser', 'deserializeUser', 'registerUserSerializer', 'registerUserDeserializer'] },
    { chain: /^passport\.(?:session|serializeUser|deserializeUser)$/, confidence: 'medium' },
  ],
  inspect(call, context, match) {
    const member = (match.resolved?.path ?? match.text ?? '').split('.').pop() ?? '';
    if (/^(?:serializeUser|registerUserSerializer)$/.test(member)) {
      return { category: 'token-issuance', message: 'passport.serializeUser decides what the login session stores: record the field (Scalekit tokens carry the legacy id as xuid)' };
    }
    if (/^(?:deserializeUser|registerUserDeserializer)$/.test(member)) {
      return { category: 'session-middleware', message: 'passport.deserializeUser loads req.user from the session on every request: dual mode must fill the same shape' };
    }
    return { category: 'session-middleware', message: 'passport.session() restores logged-in users from the session: legacy session validation' };
  },
});
