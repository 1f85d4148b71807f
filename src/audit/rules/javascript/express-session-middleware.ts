import { property } from '../../js/expression-text.js';
import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';
import { argument, callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.express-session.middleware',
  category: ['session-middleware', 'auth-config'],
  confidence: 'high',
  message: 'express-session keeps a server-side login session: record its store and cookie; dual mode keeps it working until the switch',
  keywords: ['express-session'],
  calls: [{ module: 'express-session', path: '' }],
  inspect(call, context) {
    const options = objectArgument(argument(call, 0), context.sourceFile);
    const secret = property(options, 'secret');
    if (secret) context.report(secret, { category: 'auth-config', message: 'Session signing secret: keep it until the agreed window ends so legacy sessions stay valid in dual mode' });
    recordSessionOptions(
      call,
      options,
      { library: 'express-session', defaultCookieName: 'connect.sid', cookieKey: 'cookie', maxAgeUnit: 'milliseconds', defaultStore: 'memory' },
      context,
    );
  },
});
