import { ts } from 'ts-morph';
import { propertyName } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';
import type { ReportOverrides } from '../../engine/file-result.js';

const PROVIDER_MODULE = /^(?:next-auth|@auth\/core)\/providers\/([\w-]+)$/;

function describe(provider: string): ReportOverrides {
  if (provider === 'credentials') {
    return { category: 'login', message: 'NextAuth Credentials provider: password login (authorize); it becomes a redirect to Scalekit and a callback' };
  }
  if (/^(?:passkey|webauthn)$/.test(provider)) {
    return { category: 'mfa', message: `NextAuth ${provider} provider: WebAuthn credentials are not migrated; decide how users re-enrol their passkeys` };
  }
  if (/^(?:email|nodemailer|resend|sendgrid|postmark)$/.test(provider)) {
    return { category: 'email-verification', message: `NextAuth ${provider} provider: magic-link sign-in; Scalekit passwordless replaces it` };
  }
  return { category: 'oauth-provider', message: `NextAuth ${provider} provider: social or enterprise login; set up the same connection in Scalekit and register its redirect URI` };
}

/** Providers of a NextAuth/Auth.js config, called (`Google({...})`) or listed as is (`providers: [GitHub]`). */
export default astRule({
  id: 'js.next-auth.provider',
  category: ['oauth-provider', 'login', 'email-verification', 'mfa'],
  confidence: 'high',
  message: 'NextAuth provider',
  keywords: ['providers'],
  gate: (text) => /(?:next-auth|@auth\/core)\/providers\//.test(text),
  create(context) {
    const providerOf = (node: ts.Node) => {
      const resolved = context.imports.resolve(node);
      return resolved ? PROVIDER_MODULE.exec(resolved.module)?.[1] : undefined;
    };
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const provider = providerOf((node as ts.CallExpression).expression);
        if (provider) context.report(node, describe(provider));
      },
      [ts.SyntaxKind.Identifier](node) {
        const list = node.parent;
        const holder = list?.parent;
        if (!list || !ts.isArrayLiteralExpression(list) || !holder || !ts.isPropertyAssignment(holder) || propertyName(holder.name) !== 'providers') return;
        const provider = providerOf(node);
        if (provider) context.report(node, describe(provider));
      },
    };
  },
});
