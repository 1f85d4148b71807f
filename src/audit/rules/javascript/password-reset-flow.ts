import { callRule } from '../../js/kit.js';
import { namesGate } from '../../js/gates.js';

const CALLS = /(?:^|\.)(?:sendPasswordResetEmail|sendResetPasswordEmail|sendPasswordReset|sendResetEmail|sendResetLink|sendPasswordResetLink|requestPasswordReset|resetPassword|forgotPassword|createPasswordResetToken|generateResetToken|generatePasswordResetToken|createResetToken|confirmPasswordReset|verifyResetToken|recoverPassword)$/;

const VENDORS = /^(?:firebase|@firebase\/|firebase-admin|@supabase\/|aws-amplify|@aws-amplify\/|@aws-sdk\/|@clerk\/|better-auth)/;

export default callRule({
  id: 'js.password-reset.flow',
  category: 'password-reset',
  confidence: 'medium',
  message: 'Password reset flow: retired or redirected to the Scalekit hosted flow; reset links already sent stop working after the switch',
  keywords: ['eset', 'orgot', 'ecover'],
  gate: namesGate([CALLS]),
  calls: [
    {
      chain: CALLS,
    },
  ],
  inspect(call, context) {
    const module = context.imports.resolve(call.expression)?.module;
    if (module && VENDORS.test(module)) return null;
  },
});
