import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.request.login',
  category: 'token-issuance',
  confidence: 'high',
  message: 'req.login() starts a legacy login session: after the switch the Scalekit callback starts it',
  keywords: ['.login(', '.logIn('],
  calls: [{ chain: /^(?:req|request|ctx|context)\.(?:login|logIn)$/ }],
});
