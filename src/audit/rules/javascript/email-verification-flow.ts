import { ts } from 'ts-morph';
import { propertyName, unwrap } from '../../js/expression-text.js';
import { astRule, matchTarget } from '../../js/kit.js';
import { namesGate } from '../../js/gates.js';

const VENDORS = /^(?:firebase|@firebase\/|firebase-admin|@supabase\/|aws-amplify|@aws-amplify\/|@aws-sdk\/|@clerk\/|better-auth)/;
const CALLS = /(?:^|\.)(?:sendVerificationEmail|sendEmailVerification|sendVerifyEmail|sendConfirmationEmail|sendEmailConfirmation|sendVerificationMail|verifyEmail|verifyEmailToken|confirmEmail|markEmailAsVerified|markEmailVerified|resendVerification\w*|resendConfirmation\w*)$/;
const FLAGS = /^(?:emailVerified|email_verified|isEmailVerified|is_email_verified|emailConfirmed|email_confirmed|emailVerifiedAt|email_verified_at|confirmedAt|confirmed_at)$/;

export default astRule({
  id: 'js.email-verification.flow',
  category: 'email-verification',
  confidence: 'medium',
  message: 'Email verification flow: Scalekit verifies addresses itself; export email_verified as-is and retire this flow',
  keywords: ['erif', 'onfirm'],
  gate: namesGate([CALLS, FLAGS]),
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const match = matchTarget(call.expression, [{ chain: CALLS }], context);
        if (!match) return;
        const module = context.imports.resolve(call.expression)?.module;
        if (module && VENDORS.test(module)) return;
        context.report(call);
      },
      [ts.SyntaxKind.PropertyAssignment](node) {
        const assignment = node as ts.PropertyAssignment;
        const name = propertyName(assignment.name);
        if (!name || !FLAGS.test(name)) return;
        const value = unwrap(assignment.initializer);
        const setsVerified = value.kind === ts.SyntaxKind.TrueKeyword || (ts.isNewExpression(value) && value.expression.getText(context.sourceFile) === 'Date') || /^(?:now|new Date)/.test(value.getText(context.sourceFile));
        if (setsVerified && isInUpdate(assignment)) context.report(assignment, { message: `Marks an email address verified (${name}): Scalekit verifies addresses itself; this flow is retired` });
      },
    };
  },
});

/** The object literal is an argument of a call (an ORM update/create), not a type or a config constant. */
function isInUpdate(node: ts.Node): boolean {
  let current: ts.Node | undefined = node.parent;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (ts.isCallExpression(current)) return /update|save|set|patch|upsert/i.test(current.expression.getText());
    current = current.parent;
  }
  return false;
}
