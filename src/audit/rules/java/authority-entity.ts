import { patternRule } from '../../text/kit.js';

/** A JPA entity for authorities (Spring's name for roles), whatever its table is called. */
export default patternRule({
  id: 'java.jpa.authority-entity',
  ecosystem: 'java',
  confidence: 'high',
  keywords: ['@Entity'],
  requires: /@Entity\b/,
  patterns: [
    { pattern: /^\s*public\s+class\s+\w*(?:Authority|Authorities|Privilege|Permission)\b/, category: 'role-model', message: 'Authority/permission entity: map these to Scalekit roles and permissions' },
  ],
});
