import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';
import { argument, callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.koa.session',
  category: 'session-middleware',
  confidence: 'high',
  message: 'koa-session keeps the login session: record its cookie and store; dual mode keeps it working until the switch',
  keywords: ['koa-session', 'koa-generic-session'],
  calls: [{ module: ['koa-session', 'koa-generic-session'], path: '' }],
  inspect(call, context) {
    recordSessionOptions(
      call,
      objectArgument(argument(call, 0), context.sourceFile),
      { library: 'koa-session', nameKey: 'key', defaultCookieName: 'koa.sess', maxAgeUnit: 'milliseconds', defaultStore: 'cookie' },
      context,
    );
  },
});
