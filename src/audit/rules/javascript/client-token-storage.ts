import { ts } from 'ts-morph';
import { chainText, stringValue } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const STORAGE_CALL = /(?:^|\.)(?:localStorage|sessionStorage)\.(?:getItem|setItem|removeItem)$/;
/** Keys naming a token (`access_token`, `jwt`, `auth`, `sessionId`), not any stored "session" (`focus-session`). */
const TOKEN_KEY = /token|jwt|auth(?!or)|credential|session[-_]?id|sid$/i;

/**
 * A browser client that keeps the legacy token itself (`localStorage.setItem('access_token', ...)`)
 * and sends it back: after the switch it holds the Scalekit session instead.
 */
export default astRule({
  id: 'js.client.token-storage',
  category: 'session-middleware',
  confidence: 'medium',
  message: 'The client stores or reads the legacy token in browser storage: after the switch it carries the Scalekit session instead',
  keywords: ['localStorage', 'sessionStorage'],
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (!callee || !STORAGE_CALL.test(callee)) return;
        const key = stringValue(call.arguments[0]);
        if (key !== undefined && TOKEN_KEY.test(key)) context.report(call);
      },
    };
  },
});
