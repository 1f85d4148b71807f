import { callRule } from '../../js/kit.js';

const AUTH_MODULE = /^(?:auth|next-auth\/react|next-auth\/webauthn|[@~#]\/(?:lib\/|server\/)?auth|(?:\.{1,2}\/)+(?:[\w-]+\/)*auth)$/;

export default callRule({
  id: 'js.next-auth.sign-in-out',
  category: ['login', 'logout'],
  confidence: 'high',
  message: 'NextAuth signIn/signOut',
  keywords: ['signIn', 'signOut'],
  calls: [{ module: AUTH_MODULE, path: ['signIn', 'signOut'] }],
  inspect(call, context, match) {
    if (match.resolved?.path === 'signOut') return { category: 'logout', message: 'NextAuth signOut: log out through Scalekit (getLogoutUrl) and clear app cookies' };
    return { category: 'login', message: 'NextAuth signIn: login becomes a redirect to Scalekit (getAuthorizationUrl)' };
  },
});
