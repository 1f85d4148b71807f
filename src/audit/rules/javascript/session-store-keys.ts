import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';

/**
 * `'sess:' + sessionId`: the key under which connect-redis and friends keep a login session. Code that
 * builds it reads, lists or revokes the legacy session records themselves (a user's active sessions,
 * "log out everywhere"); those records stop mattering once Scalekit holds the sessions.
 */
export default astRule({
  id: 'js.session.store-keys',
  category: 'session-middleware',
  confidence: 'medium',
  message: "Reads or revokes login session records in the session store by key ('sess:'): record it; it changes when Scalekit holds the sessions",
  keywords: ['sess:'],
  create(context) {
    const report = (node: ts.Node, text: string) => {
      if (/^sess:/.test(text)) context.report(node);
    };
    return {
      [ts.SyntaxKind.StringLiteral]: (node) => report(node, (node as ts.StringLiteral).text),
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: (node) => report(node, (node as ts.NoSubstitutionTemplateLiteral).text),
      [ts.SyntaxKind.TemplateExpression]: (node) => report(node, (node as ts.TemplateExpression).head.text),
    };
  },
});
