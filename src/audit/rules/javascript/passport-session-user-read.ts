import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

/**
 * `session.passport.user`, `_.get(session, ['passport', 'user'])`: who is logged in, read from passport's
 * own record in the session store rather than from `req.user`. Those reads find nobody once Scalekit
 * sessions replace passport's, so each one is a place to change; the callers of such a helper only read
 * the user and are not reported through it.
 */
export default astRule({
  id: 'js.passport.session-user-read',
  category: 'session-middleware',
  confidence: 'medium',
  message: "Reads the logged-in user from passport's record in the session: it finds nobody once Scalekit sessions replace passport's",
  keywords: ['passport'],
  gate: (text) => /\bpassport\s*(?:&&[^\n]*)?\??\.\s*user\b|['"]passport['"]\s*,\s*['"]user['"]/.test(text),
  create(context) {
    return {
      [ts.SyntaxKind.PropertyAccessExpression](node) {
        const access = node as ts.PropertyAccessExpression;
        if (access.name.text !== 'user') return;
        const object = chainText(unwrap(access.expression));
        if (object && /(?:^|\.)session\??\.passport$/i.test(object.replace(/\?/g, ''))) context.report(access);
      },
      [ts.SyntaxKind.ArrayLiteralExpression](node) {
        const array = node as ts.ArrayLiteralExpression;
        if (array.elements.length < 2 || stringValue(array.elements[0]) !== 'passport' || stringValue(array.elements[1]) !== 'user') return;
        const call = array.parent;
        if (ts.isCallExpression(call) && call.arguments[0] && /session/i.test(call.arguments[0].getText(context.sourceFile))) context.report(array);
      },
    };
  },
});
