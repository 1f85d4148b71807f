import { behaviourRule } from '../../js/behaviour-rule.js';

export default behaviourRule({
  id: 'js.behaviour.login',
  category: 'login',
  confidence: 'high',
  message: 'Login handler (checks a password, then issues a session or token): login becomes a redirect to Scalekit plus a callback (authenticateWithCode)',
  keywords: ['bcrypt', 'argon2', 'comparePassword', 'verifyPassword', 'checkPassword', 'validatePassword', 'isValidPassword', 'isPasswordValid', 'passwordMatches', 'matchPassword', 'matchesPassword'],
  requires: ['compares-password', 'issues-session'],
});
