import { ts } from 'ts-morph';
import { chainText, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

export default astRule({
  id: 'js.session.destroy',
  category: 'logout',
  confidence: 'high',
  message: 'Destroys the legacy session: at logout also redirect to Scalekit getLogoutUrl',
  keywords: ['session'],
  gate: (text) => /session['"\]]*\s*\??\.\s*(?:destroy|delete)\b|session['"\]]*\s*=\s*null\b/.test(text),
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (callee && /(?:^|\.)session\.(?:destroy|delete)$/.test(callee) && /^(?:req|request|ctx|context|event)\./.test(callee)) context.report(call);
      },
      [ts.SyntaxKind.BinaryExpression](node) {
        const binary = node as ts.BinaryExpression;
        if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const target = chainText(unwrap(binary.left));
        const value = unwrap(binary.right);
        if (target && /^(?:req|request|ctx|context)\.session$/.test(target) && value.kind === ts.SyntaxKind.NullKeyword) context.report(binary);
      },
    };
  },
});
