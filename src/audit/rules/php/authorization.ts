import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'php.laravel.authorization',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['Gate::', 'authorize(', '->can(', '@can', 'hasRole', 'assignRole', 'hasPermissionTo', 'IsGranted', 'isGranted'],
  patterns: [
    {
      pattern: /\bGate::(?:define|allows|denies|authorize|check)\s*\(|\$this->authorize\s*\(|->can\s*\(\s*['"]|@can\b|->(?:hasRole|hasAnyRole|assignRole|hasPermissionTo)\s*\(|#\[IsGranted\(|->isGranted\s*\(/,
      category: 'rbac',
      message: 'Authorization check (gates, policies, roles): map roles and permissions to Scalekit and read the roles/permissions claims',
      fact(match, context) {
        const line = context.text.split(/\r?\n/)[context.line - 1] ?? '';
        const role = /(?:hasRole|hasAnyRole|assignRole)\s*\(\s*['"]([\w-]+)['"]|IsGranted\(\s*['"]ROLE_(\w+)['"]/.exec(line);
        if (role) context.facts.role(role[1] ?? role[2]!, { line: context.line, column: match.index + 1 });
        const permission = /hasPermissionTo\s*\(\s*['"]([\w .:-]+)['"]|Gate::define\s*\(\s*['"]([\w .:-]+)['"]/.exec(line);
        if (permission) context.facts.permission(permission[1] ?? permission[2]!, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
