import { patternRule } from '../../text/kit.js';

export default patternRule({
  id: 'python.django.permissions',
  ecosystem: 'python',
  confidence: 'high',
  keywords: ['permission_required', 'PermissionRequiredMixin', 'has_perm', 'user_passes_test', 'is_superuser', 'is_staff', 'groups.filter'],
  patterns: [
    {
      pattern: /@permission_required\b|\bPermissionRequiredMixin\b|\.has_perms?\s*\(|@user_passes_test\b|\.is_superuser\b|\.is_staff\b|\.groups\.filter\s*\(/,
      category: 'rbac',
      message: 'Django permission or role check: map it to Scalekit roles and permissions (roles/permissions claims)',
      fact(match, context) {
        const name = /permission_required\(\s*['"]([^'"]+)['"]|has_perm\(\s*['"]([^'"]+)['"]/.exec(context.text.split(/\r?\n/)[context.line - 1] ?? '');
        const value = name?.[1] ?? name?.[2];
        if (value) context.facts.permission(value, { line: context.line, column: match.index + 1 });
      },
    },
  ],
});
