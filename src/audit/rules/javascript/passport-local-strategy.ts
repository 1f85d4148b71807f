import { passportStrategyRule } from '../../js/passport-strategy.js';

export default passportStrategyRule({
  id: 'js.passport-local.strategy',
  category: 'login',
  confidence: 'high',
  message: 'Password login through passport-local: login becomes a redirect to Scalekit and a callback (authenticateWithCode)',
  keywords: ['passport-local'],
  strategy: { module: ['passport-local'], path: ['Strategy', ''] },
});
