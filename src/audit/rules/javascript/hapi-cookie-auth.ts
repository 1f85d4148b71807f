import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.hapi.cookie-auth',
  category: ['token-issuance', 'logout'],
  confidence: 'high',
  message: 'hapi cookie session',
  keywords: ['cookieAuth'],
  calls: [{ chain: /\.cookieAuth\.(?:set|clear)$/ }],
  inspect(call, context, match) {
    if (match.text?.endsWith('.clear')) {
      return { category: 'logout', message: 'request.cookieAuth.clear() ends the legacy session: also redirect to Scalekit getLogoutUrl' };
    }
    return { category: 'token-issuance', message: 'request.cookieAuth.set() starts a legacy cookie session: after the switch the Scalekit callback starts the session' };
  },
});
