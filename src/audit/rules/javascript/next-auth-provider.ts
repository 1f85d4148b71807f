import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.next-auth.provider',
  category: ['oauth-provider', 'login', 'email-verification'],
  confidence: 'high',
  message: 'NextAuth provider',
  keywords: ['providers'],
  calls: [{ module: /^(?:next-auth|@auth\/core)\/providers\/[\w-]+$/ }],
  inspect(call, context, match) {
    const provider = match.resolved?.module.split('/').pop() ?? 'provider';
    if (provider === 'credentials') {
      return { category: 'login', message: 'NextAuth Credentials provider: password login (authorize); it becomes a redirect to Scalekit and a callback' };
    }
    if (/^(?:email|nodemailer|resend|sendgrid|postmark|passkey|webauthn)$/.test(provider)) {
      return { category: 'email-verification', message: `NextAuth ${provider} provider: magic-link or passkey sign-in; Scalekit passwordless replaces it` };
    }
    return { category: 'oauth-provider', message: `NextAuth ${provider} provider: social or enterprise login; set up the same connection in Scalekit and register its redirect URI` };
  },
});
