import { patternRule } from '../../text/kit.js';

/** itsdangerous serializers: signed, timed tokens for confirmation and reset links (and old Flask token auth). */
export default patternRule({
  id: 'python.itsdangerous.token',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['Serializer', 'itsdangerous'],
  requires: /itsdangerous/,
  patterns: [
    {
      pattern: /\b(?:URLSafe(?:Timed)?Serializer|TimedJSONWebSignatureSerializer|TimedSerializer|Serializer)\s*\(/,
      category: 'token-issuance',
      message: 'Signed token (itsdangerous) for a confirmation, reset or login link: the flow it serves moves to Scalekit',
    },
  ],
});
