import { callRule } from '../../js/kit.js';
import { SCALEKIT_APP_MODULE } from '../../shared/scalekit-module.js';

/** withAuth whose JWT decode is the generated module's, without a legacy fallback (updateMiddleware, mode scalekit). */
const SCALEKIT_ONLY_DECODE = /\bjwt\s*:\s*\{\s*decode\s*:\s*[\w$]+\(\s*\)\s*\}/;

export default callRule({
  id: 'js.next-auth.session',
  category: 'session-middleware',
  confidence: 'high',
  message: 'Reads the NextAuth session: updateMiddleware makes session reads accept Scalekit sessions (dual mode)',
  keywords: ['next-auth'],
  calls: [
    { module: /^next-auth(?:\/next)?$/, path: ['getServerSession', 'unstable_getServerSession'] },
    { module: 'next-auth/middleware', path: ['withAuth', ''] },
    { module: 'next-auth/react', path: ['useSession', 'getSession'] },
    { module: 'next-auth/jwt', path: ['getToken', 'decode'] },
  ],
  inspect(call, context) {
    if (context.imports.has(SCALEKIT_APP_MODULE) && SCALEKIT_ONLY_DECODE.test(call.getText(context.sourceFile))) return null;
  },
});
