import { behaviourRule } from '../../js/behaviour-rule.js';

export default behaviourRule({
  id: 'js.behaviour.signup',
  category: 'signup',
  confidence: 'high',
  message: 'Sign-up handler (creates a user and hashes a password): Scalekit hosted sign-up replaces it; move its side effects (default org, role, emails) to the callback',
  keywords: ['bcrypt', 'argon2', 'scrypt', 'pbkdf2', 'hashPassword', 'encryptPassword', 'setPassword', 'PasswordHash'],
  requires: ['creates-user', 'hashes-password'],
});
