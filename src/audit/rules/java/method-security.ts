import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'java.spring-security.authorization',
  ecosystem: 'java',
  confidence: 'high',
  keywords: ['PreAuthorize', 'PostAuthorize', 'Secured', 'RolesAllowed', 'hasRole', 'hasAuthority', 'hasAnyRole', 'hasAnyAuthority'],
  patterns: [
    {
      pattern: /@(?:PreAuthorize|PostAuthorize|Secured|RolesAllowed)\b|\bhas(?:Any)?(?:Role|Authority)\s*\(/,
      category: 'rbac',
      message: 'Spring role/authority check: map the roles to Scalekit roles and read the roles claim',
      fact(match, context) {
        const line = context.text.split(/\r?\n/)[context.line - 1] ?? '';
        for (const role of line.matchAll(/has(?:Any)?Role\s*\(([^)]*)\)|@Secured\s*\(([^)]*)\)|@RolesAllowed\s*\(([^)]*)\)/g)) {
          for (const name of (role[1] ?? role[2] ?? role[3] ?? '').matchAll(/['"]([\w-]+)['"]/g)) context.facts.role(name[1]!.replace(/^ROLE_/, ''), { line: context.line, column: match.index + 1 });
        }
        for (const authority of line.matchAll(/has(?:Any)?Authority\s*\(([^)]*)\)/g)) {
          for (const name of authority[1]!.matchAll(/['"]([\w:.-]+)['"]/g)) context.facts.permission(name[1]!, { line: context.line, column: match.index + 1 });
        }
      },
    },
  ],
});
