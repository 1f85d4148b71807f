import { OAUTH_STRATEGY_MODULES } from '../../js/strategies.js';
import { passportStrategyRule } from '../../js/passport-strategy.js';

export default passportStrategyRule({
  id: 'js.passport.oauth-strategy',
  category: 'oauth-provider',
  confidence: 'high',
  message: 'Social or enterprise login through a passport strategy: set up the same connection in Scalekit and register its redirect URI',
  keywords: ['passport-'],
  strategy: { module: OAUTH_STRATEGY_MODULES },
  describe: (module) => `Social or enterprise login through ${module}: set up the same connection in Scalekit and register its redirect URI`,
});
