import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.request.is-authenticated',
  category: 'session-middleware',
  confidence: 'high',
  message: 'req.isAuthenticated() checks the legacy login session: updateMiddleware makes the check accept Scalekit sessions',
  keywords: ['isAuthenticated', 'isUnauthenticated'],
  calls: [{ chain: /\.(?:isAuthenticated|isUnauthenticated)$/ }],
});
