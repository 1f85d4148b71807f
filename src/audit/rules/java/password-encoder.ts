import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'java.spring-security.password',
  ecosystem: 'java',
  confidence: 'high',
  keywords: ['PasswordEncoder', 'passwordEncoder', 'BCrypt', 'AuthenticationManager', 'authenticationManager', 'UsernamePasswordAuthenticationToken', 'UserDetailsService'],
  patterns: [
    {
      pattern: /\b(?:BCrypt|Argon2|Pbkdf2|SCrypt|Delegating)PasswordEncoder\b|\bPasswordEncoderFactories\b|\bpasswordEncoder(?:\(\))?\.encode\s*\(|\bBCrypt\.hashpw\s*\(/,
      category: 'password-hashing',
      message: 'Password hashing (Spring PasswordEncoder): Scalekit imports no hash; decide the password plan (passwordless, SSO, social, reset)',
    },
    {
      pattern: /\bpasswordEncoder(?:\(\))?\.matches\s*\(|\bauthenticationManager\w*\.authenticate\s*\(|\bnew\s+UsernamePasswordAuthenticationToken\s*\(|\bimplements\s+UserDetailsService\b/,
      category: 'login',
      message: 'Spring password authentication: login becomes a redirect to Scalekit plus a callback',
    },
  ],
});
