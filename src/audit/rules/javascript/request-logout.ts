import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.request.logout',
  category: 'logout',
  confidence: 'high',
  message: 'req.logout() ends the legacy session: also clear app cookies and redirect to Scalekit getLogoutUrl',
  keywords: ['.logout(', '.logOut('],
  calls: [{ chain: /^(?:req|request|ctx|context)\.(?:logout|logOut)$/ }],
});
