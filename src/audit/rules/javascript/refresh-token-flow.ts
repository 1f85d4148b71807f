import { ts } from 'ts-morph';
import { chainText, propertyName, rootName, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const NAME = /^(?:refresh_?token|new_?refresh_?token)$/i;
const CALLS = /(?:^|\.)(?:refreshAccessToken|rotateRefreshToken|issueRefreshToken|generateRefreshToken|createRefreshToken|signRefreshToken|verifyRefreshToken|revokeRefreshToken|refreshTokens|useRefreshToken)$/;

export default astRule({
  id: 'js.refresh-token.flow',
  category: 'refresh-token',
  confidence: 'high',
  message: 'Legacy refresh tokens: record lifetime and rotation; clients holding them keep legacy traffic alive in dual mode; Scalekit uses refreshAccessToken (offline_access)',
  keywords: ['refresh', 'Refresh'],
  create(context) {
    const isScalekit = (text: string) => /scalekit/i.test(rootName(text));
    return {
      [ts.SyntaxKind.VariableDeclaration](node) {
        const declaration = node as ts.VariableDeclaration;
        if (!ts.isIdentifier(declaration.name) || !NAME.test(declaration.name.text) || !declaration.initializer) return;
        const init = unwrap(declaration.initializer);
        if (ts.isCallExpression(init) && !isScalekit(chainText(init.expression) ?? '')) context.report(declaration);
      },
      [ts.SyntaxKind.PropertyAssignment](node) {
        const assignment = node as ts.PropertyAssignment;
        const name = propertyName(assignment.name);
        if (!name || !NAME.test(name)) return;
        const init = unwrap(assignment.initializer);
        if (ts.isCallExpression(init) && !isScalekit(chainText(init.expression) ?? '')) context.report(assignment);
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const text = chainText(call.expression);
        if (text && CALLS.test(text) && !isScalekit(text)) context.report(call, { confidence: 'medium' });
      },
    };
  },
});
