import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const SESSION_MEMBER = /^(?:req|request|ctx|context|event|c)\.session\.[\w$]+$|^session\.(?:user|userId|user_id|uid|account|accountId|auth|isLoggedIn|loggedIn)$/;

/** Keys that hold who is signed in (`userId`, `user`, `passport`, `isLoggedIn`, `accessToken`, `role`): not a redirect target, referral or form draft. */
const IDENTITY_KEY =
  /^(?:current_?)?(?:user|account|member|principal|identity|admin|owner|customer|person)(?:_?(?:id|name|email|info|data))?$|^u?id$|^(?:is_?)?(?:logged_?in|authenticated|authed|signed_?in)$|^auth|^passport$|^(?:access|auth|session|id|refresh|api)?_?token$|^jwt|^roles?$|^tenant|^org(?:ani[sz]ation)?(?:_?id)?$|^team(?:_?id)?$|^impersonat|^(?:mfa|otp|two_?factor|second_?factor)|verified$/i;

export default astRule({
  id: 'js.session.user-assignment',
  category: 'token-issuance',
  confidence: 'high',
  message: 'Stores the logged-in user in the server-side session: record the key; after the switch the Scalekit callback sets the session',
  keywords: ['session.', 'session.set('],
  gate: (text) => /session[!?]?\s*(?:\.\s*[\w$]+|\[\s*['"`][\w$]+['"`]\s*\])\s*=(?!=)|session[!?]?\s*\.\s*set\s*\(/.test(text),
  create(context) {
    return {
      [ts.SyntaxKind.BinaryExpression](node) {
        const binary = node as ts.BinaryExpression;
        if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const target = chainText(unwrap(binary.left));
        if (!target || !SESSION_MEMBER.test(target)) return;
        const value = unwrap(binary.right);
        if (value.kind === ts.SyntaxKind.NullKeyword || value.kind === ts.SyntaxKind.UndefinedKeyword) return;
        if (!IDENTITY_KEY.test(target.slice(target.lastIndexOf('.') + 1))) return;
        context.report(binary, { message: `Stores the logged-in user in the session (${target}): after the switch the Scalekit callback sets it` });
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = chainText(call.expression);
        if (!callee || !/^(?:req|request|ctx)\.session\.set$/.test(callee)) return;
        const key = stringValue(call.arguments[0]);
        if (key && /user|account|auth|uid/i.test(key)) context.report(call, { message: `Stores the logged-in user in the session (${callee}('${key}')): after the switch the Scalekit callback sets it` });
      },
    };
  },
});
