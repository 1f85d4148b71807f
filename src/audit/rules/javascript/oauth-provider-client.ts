import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';

/** Provider SDKs an app uses to check a social login's token itself (Google, Apple, Microsoft identity libraries). */
const PROVIDER_MODULES = /^(?:google-auth-library|apple-signin-auth|apple-auth|verify-apple-id-token|@azure\/msal-node|@octokit\/oauth-app|@octokit\/auth-oauth-app|openid-client|simple-oauth2|client-oauth2)$/;
/** Token, authorization and profile endpoints of the common providers: OAuth written by hand. */
const PROVIDER_ENDPOINT =
  /^https:\/\/(?:accounts\.google\.com\/o\/oauth2|oauth2\.googleapis\.com\/token|www\.googleapis\.com\/oauth2|openidconnect\.googleapis\.com|graph\.facebook\.com|www\.facebook\.com\/[\w.]*\/?dialog\/oauth|github\.com\/login\/oauth|appleid\.apple\.com\/auth|login\.microsoftonline\.com|api\.twitter\.com\/oauth|discord\.com\/api\/oauth2|slack\.com\/(?:api\/)?oauth|gitlab\.com\/oauth)/;

export default astRule({
  id: 'js.oauth.provider-client',
  category: 'oauth-provider',
  confidence: 'medium',
  message: 'Social or OIDC login checked by the app itself (provider SDK or endpoint): set up the connection in Scalekit and register its redirect URI',
  keywords: [
    'google-auth-library', 'apple-signin-auth', 'apple-auth', 'verify-apple-id-token', 'msal-node', 'oauth-app', 'openid-client', 'simple-oauth2', 'client-oauth2',
    'accounts.google.com', 'googleapis.com', 'graph.facebook.com', 'facebook.com/', 'github.com/login/oauth', 'appleid.apple.com', 'microsoftonline.com', 'twitter.com/oauth', 'discord.com/api/oauth2', 'slack.com/', 'gitlab.com/oauth',
  ],
  create(context) {
    let reported = false;
    return {
      [ts.SyntaxKind.ImportDeclaration](node) {
        const module = (node as ts.ImportDeclaration).moduleSpecifier;
        if (!reported && ts.isStringLiteral(module) && PROVIDER_MODULES.test(module.text)) {
          reported = true;
          context.report(node, { message: `Social or OIDC login through ${module.text}: set up the connection in Scalekit and register its redirect URI` });
        }
      },
      [ts.SyntaxKind.StringLiteral](node) {
        if (PROVIDER_ENDPOINT.test((node as ts.StringLiteral).text)) context.report(node);
      },
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral](node) {
        if (PROVIDER_ENDPOINT.test((node as ts.NoSubstitutionTemplateLiteral).text)) context.report(node);
      },
      [ts.SyntaxKind.TemplateHead](node) {
        if (PROVIDER_ENDPOINT.test((node as ts.TemplateHead).text)) context.report(node);
      },
    };
  },
});
