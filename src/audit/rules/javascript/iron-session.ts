import { property } from '../../js/expression-text.js';
import { objectArgument, recordSessionOptions } from '../../js/session-facts.js';
import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.iron-session.session',
  category: 'session-middleware',
  confidence: 'high',
  message: 'iron-session reads a sealed session cookie: updateMiddleware adds the Scalekit path beside it in dual mode',
  keywords: ['iron-session'],
  calls: [
    {
      module: /^(?:iron-session|iron-session\/next|iron-session\/edge|next-iron-session)$/,
      path: ['getIronSession', 'withIronSessionApiRoute', 'withIronSessionSsr', 'unsealData', 'sealData', 'withIronSession', 'ironSession'],
    },
  ],
  inspect(call, context) {
    const options = call.arguments?.map((entry) => objectArgument(entry, context.sourceFile)).find((entry) => property(entry, 'password') !== undefined || property(entry, 'cookieName') !== undefined);
    if (!options) return;
    recordSessionOptions(
      call,
      options,
      { library: 'iron-session', nameKey: 'cookieName', cookieKey: 'cookieOptions', maxAgeKeys: ['maxAge', 'ttl'], maxAgeUnit: 'seconds', secretKeys: ['password'], store: 'cookie' },
      context,
    );
  },
});
