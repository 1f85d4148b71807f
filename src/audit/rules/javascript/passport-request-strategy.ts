import { passportStrategyRule } from '../../js/passport-strategy.js';

/** Passport strategies that authenticate each request by other means (bearer, basic, anonymous, custom, cookie). */
export default passportStrategyRule({
  id: 'js.passport.request-strategy',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Passport strategy that authenticates requests (bearer, basic, anonymous, custom): the guards using it must accept Scalekit sessions',
  keywords: ['passport-'],
  strategy: { module: /^passport-(?:anonymous|http|http-bearer|custom|cookie|unique-token|headerapikey|localapikey)$/, path: ['Strategy', 'BasicStrategy', 'BearerStrategy', 'DigestStrategy', 'HeaderAPIKeyStrategy', ''] },
  describe: (module) => `Passport strategy from ${module}: the guards using it must accept Scalekit sessions`,
});
