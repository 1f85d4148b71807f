import { callRule } from '../../js/kit.js';

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
});
