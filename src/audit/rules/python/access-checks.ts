import { patternRule } from '../../text/kit.js';

/** Role and permission checks outside Django's own API: decorators, permission classes, admin flags. */
export default patternRule({
  id: 'python.rbac.check',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['_required', 'Permission', 'has_permission', 'is_admin', 'superuser', 'has_role', '.can(', 'current_user.'],
  patterns: [
    {
      pattern:
        /@(?:\w+_)?(?:admin|roles?|superuser|staff)_required\b|@\w+_permission_required\b|\bdef\s+(?:\w+_)?(?:admin|roles?|superuser|staff|permissions?)_required\s*\(|\.can\s*\(\s*Permission|\bcurrent_user\.(?:can|has_role|has_permission|is_administrator)\s*\(|\bclass\s+\w+\s*\([^)]*\bBasePermission\b|\bIsAdminUser\b|(?<!(?:['\"]\s*:|[(,]\s*\w+\s*=(?!=))\s*[\w.]*)\.is_admin(?:istrator)?\b|\bget_current_active_superuser\b|\bhas_role\s*\(|\bhas_permission\s*\(/,
      category: 'rbac',
      message: 'Role or permission check: map the legacy roles to Scalekit roles and read them from the session',
    },
  ],
});
