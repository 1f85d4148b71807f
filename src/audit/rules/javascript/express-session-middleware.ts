import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';
import { argument, callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.express-session.middleware',
  category: 'session-middleware',
  confidence: 'high',
  message: 'express-session keeps a server-side login session: record its store and cookie; dual mode keeps it working until the switch',
  keywords: ['express-session'],
  calls: [{ module: 'express-session', path: '' }],
  inspect(call, context) {
    recordSessionOptions(
      call,
      objectArgument(argument(call, 0), context.sourceFile),
      { library: 'express-session', defaultCookieName: 'connect.sid', cookieKey: 'cookie', maxAgeUnit: 'milliseconds', defaultStore: 'memory' },
      context,
    );
  },
});
