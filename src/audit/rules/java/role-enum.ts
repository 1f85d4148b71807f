import { patternRule } from '../../text/kit.js';

/** An enum of role names (`enum ERole { ROLE_USER, ROLE_ADMIN }`): the roles to create in Scalekit. */
export default patternRule({
  id: 'java.role.enum',
  ecosystem: 'java',
  confidence: 'high',
  keywords: ['enum'],
  requires: /\benum\s+\w*Role\w*|\bROLE_[A-Z]/,
  patterns: [
    { pattern: /^\s*(?:public\s+)?enum\s+\w+/, category: 'role-model', message: 'Role enum: create these roles in Scalekit and map users to them' },
  ],
});
