import { patternRule } from '../../text/kit.js';

/**
 * The app's own Spring Security plumbing: filters of any base class, entry points and
 * access-denied handlers, SecurityContextHolder, UserDetails(Service) for password login,
 * PasswordEncoder under any name, calls to the app's JWT helper, role enums and role grants.
 */
export default patternRule({
  id: 'java.spring.app-security',
  ecosystem: 'java',
  confidence: 'medium',
  keywords: ['Filter', 'EntryPoint', 'AccessDeniedHandler', 'SecurityContextHolder', 'UserDetails', 'PasswordEncoder', 'Token', 'ROLE_', 'Role', 'SecurityConfigurerAdapter'],
  patterns: [
    {
      pattern: /\bextends\s+(?:GenericFilterBean|BasicAuthenticationFilter|AbstractAuthenticationProcessingFilter|SecurityConfigurerAdapter)\b|\bimplements\s+[\w\s,]*\b(?:AuthenticationEntryPoint|AccessDeniedHandler|AuthenticationProvider)\b|\bSecurityContextHolder\.getContext\s*\(\s*\)/,
      category: 'session-middleware',
      message: 'Spring Security plumbing (filter, entry point, security context): make it accept Scalekit tokens (dual mode)',
    },
    { pattern: /\bimplements\s+[\w\s,]*\bUserDetails(?:Service)?\b/, category: 'login', message: 'UserDetails/UserDetailsService: loads users for the legacy password login; login moves to Scalekit' },
    { pattern: /\bPasswordEncoder\s+\w+\s*[;=)]|\b\w*[Ee]ncoder\.encode\s*\(/, category: 'password-hashing', message: 'Password encoder: Scalekit imports no hash; decide the password plan' },
    { pattern: /\.(?:generate|create|issue)\w*Token\s*\(/, category: 'token-issuance', message: 'Issues a token through the app\'s JWT helper: Scalekit issues tokens after the switch' },
    {
      pattern: /^\s*(ROLE_\w+)\s*[,;(]?\s*$|\bRole(?:Name)?\.(ROLE_\w+)|\.setRoles\s*\(|\.(?:add)?Roles?\.add\s*\(/,
      category: 'rbac',
      message: 'Role name or role grant: map roles to Scalekit and read the roles claim',
      fact(match, context) {
        const name = match[1] ?? match[2];
        if (name) context.facts.role(name, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
