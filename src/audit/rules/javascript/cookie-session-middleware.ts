import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';
import { argument, callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.cookie-session.middleware',
  category: 'session-middleware',
  confidence: 'high',
  message: 'cookie-session keeps the login session in a signed cookie: record its name and keys; dual mode keeps it working until the switch',
  keywords: ['cookie-session'],
  calls: [{ module: 'cookie-session', path: '' }],
  inspect(call, context) {
    recordSessionOptions(
      call,
      objectArgument(argument(call, 0), context.sourceFile),
      { library: 'cookie-session', defaultCookieName: 'session', maxAgeUnit: 'milliseconds', secretKeys: ['secret', 'keys'], store: 'cookie' },
      context,
    );
  },
});
