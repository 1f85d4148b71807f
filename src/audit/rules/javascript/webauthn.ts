import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.webauthn.passkeys',
  category: 'mfa',
  confidence: 'high',
  message: 'WebAuthn / passkeys: registered credentials are not migrated; users re-enrol (Scalekit passkeys) after the switch',
  keywords: ['webauthn', 'fido2'],
  include: 'both',
  calls: [{ module: /^(?:@simplewebauthn\/(?:server|browser)|fido2-lib|@passwordless-id\/webauthn|@github\/webauthn-json)$/ }],
});
