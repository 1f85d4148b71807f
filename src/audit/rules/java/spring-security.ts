import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'java.spring-security.config',
  ecosystem: 'java',
  confidence: 'high',
  keywords: ['SecurityFilterChain', 'EnableWebSecurity', 'WebSecurityConfigurerAdapter', 'authorizeHttpRequests', 'authorizeRequests', 'formLogin', 'oauth2Login', 'oauth2ResourceServer', 'logout(', 'httpBasic', 'OncePerRequestFilter', 'Authorization'],
  patterns: [
    {
      pattern: /\bSecurityFilterChain\b|@EnableWebSecurity\b|\bWebSecurityConfigurerAdapter\b|\.authorizeHttpRequests\s*\(|\.authorizeRequests\s*\(|\.httpBasic\s*\(|\.addFilterBefore\s*\(/,
      category: 'session-middleware',
      message: 'Spring Security filter chain: requests are authenticated by the legacy scheme; add Scalekit token validation beside it (dual mode)',
    },
    { pattern: /\.formLogin\s*\(/, category: 'login', message: 'Spring Security form login: login becomes a redirect to Scalekit plus a callback' },
    { pattern: /\.oauth2Login\s*\(|\.saml2Login\s*\(/, category: 'oauth-provider', message: 'Spring Security OAuth2/SAML login: set up the same connection in Scalekit and register its redirect URI' },
    { pattern: /\.oauth2ResourceServer\s*\(/, category: 'session-middleware', message: 'Spring resource server validates legacy JWTs: point it at Scalekit (issuer, JWKS) in dual mode' },
    { pattern: /\.logout\s*\(|\bSecurityContextLogoutHandler\b/, category: 'logout', message: 'Spring Security logout: also redirect to the Scalekit logout URL' },
    {
      pattern: /\bextends\s+OncePerRequestFilter\b|\.getHeader\s*\(\s*(?:"Authorization"|HttpHeaders\.AUTHORIZATION)\s*\)/,
      category: 'session-middleware',
      message: 'Hand-written authentication filter: make it accept Scalekit tokens (dual mode)',
    },
  ],
});
