/**
 * The migration's phases and go-live reviews. Item ids are stable: the state file,
 * the skills and the automatic checks refer to them.
 */
export interface ChecklistItemDefinition {
  id: string;
  title: string;
  /** The MCP tool (or CLI command) that does or proves this step, when one exists. */
  tool?: string;
}

export interface ChecklistSectionDefinition {
  id: string;
  title: string;
  /** Phases are done in order; reviews are gates checked before go-live. */
  kind: 'phase' | 'review';
  items: ChecklistItemDefinition[];
}

export const CHECKLIST: readonly ChecklistSectionDefinition[] = [
  {
    id: 'audit-export',
    title: 'Audit and export',
    kind: 'phase',
    items: [
      { id: 'audit-export.workspace', title: 'Migration workspace initialized (.scalekit-migration/state.json)', tool: 'checklist' },
      { id: 'audit-export.skills', title: 'Migration skills (SKILL.md and phase skills) available' },
      { id: 'audit-export.audit', title: 'Audit the codebase for every auth touchpoint', tool: 'auditCodebase' },
      { id: 'audit-export.review-audit', title: 'Review the audit with the team: flows, data model, token format' },
      { id: 'audit-export.export', title: 'Export users, organizations, roles and memberships into a migration package', tool: 'exportUsers' },
      { id: 'audit-export.rejects', title: 'Resolve or accept every rejected record' },
      { id: 'audit-export.password-plan', title: 'Decide how users with password hashes will sign in (passwordless, SSO, social, reset)' },
    ],
  },
  {
    id: 'import',
    title: 'Import organizations and users',
    kind: 'phase',
    items: [
      { id: 'import.plan', title: 'Review the import plan: creates, updates, conflicts', tool: 'importOrgs' },
      { id: 'import.apply', title: 'Import roles, then organizations, then users with memberships', tool: 'importOrgs' },
      { id: 'import.verify', title: 'Verify the import field by field: zero mismatches', tool: 'verifyImport' },
      { id: 'import.rollback-rehearsed', title: 'Rehearse the import rollback on a non-production environment', tool: 'rollbackImport' },
    ],
  },
  {
    id: 'redirects-roles',
    title: 'Redirects and roles',
    kind: 'phase',
    items: [
      { id: 'redirects-roles.redirect-uris', title: 'Register the login callback (redirect) URIs', tool: 'configureRedirects' },
      { id: 'redirects-roles.logout-urls', title: 'Register the post-logout redirect URLs', tool: 'configureRedirects' },
      { id: 'redirects-roles.initiate-login', title: 'Set the initiate-login URL', tool: 'configureRedirects' },
      { id: 'redirects-roles.roles', title: 'Roles and permissions in Scalekit match the legacy RBAC; default role chosen' },
      { id: 'redirects-roles.test-login', title: 'Log in as a migrated test user; token carries the legacy id (xuid), org and roles' },
    ],
  },
  {
    id: 'app-code',
    title: 'Application code',
    kind: 'phase',
    items: [
      { id: 'app-code.dry-run', title: 'Review the middleware codemod diff (dry run)', tool: 'updateMiddleware' },
      { id: 'app-code.apply-dual', title: 'Apply the codemod in dual mode (AUTH_PROVIDER=dual)', tool: 'updateMiddleware' },
      { id: 'app-code.follow-ups', title: 'Finish the manual follow-ups the codemod listed' },
      { id: 'app-code.login-routes', title: 'Login, callback, refresh and logout routes use Scalekit' },
      { id: 'app-code.tests', title: "The app's tests pass with a Scalekit token and with a legacy token" },
    ],
  },
  {
    id: 'deploy-monitor',
    title: 'Deploy and monitor',
    kind: 'phase',
    items: [
      { id: 'deploy-monitor.deploy-dual', title: 'Deploy with AUTH_PROVIDER=dual' },
      { id: 'deploy-monitor.monitor', title: 'Watch sign-in success, 401 rates and the share of legacy tokens' },
      { id: 'deploy-monitor.switch', title: 'Switch to AUTH_PROVIDER=scalekit' },
      { id: 'deploy-monitor.no-legacy', title: 'No legacy token validation left in the code', tool: 'auditCodebase' },
      { id: 'deploy-monitor.retire', title: 'After the agreed window: retire legacy secrets, tables and the rollback path' },
    ],
  },
  {
    id: 'backup',
    title: 'Backup and rollback',
    kind: 'review',
    items: [
      { id: 'backup.sample-token', title: 'Save a sample legacy token and session cookie to test dual mode and rollback' },
      { id: 'backup.db-snapshot', title: 'Snapshot the legacy users database before the cut-over' },
      { id: 'backup.rollback-flag', title: 'AUTH_PROVIDER works as a runtime rollback switch (flip to legacy)' },
      { id: 'backup.rollback-procedure', title: 'Rollback procedure written down and rehearsed', tool: 'rollbackImport' },
    ],
  },
  {
    id: 'sso-readiness',
    title: 'SSO production readiness',
    kind: 'review',
    items: [
      { id: 'sso-readiness.connections', title: "Each enterprise customer's SSO connection configured and tested end to end" },
      { id: 'sso-readiness.domains', title: 'Organization domains verified, so users are routed to their SSO by email domain', tool: 'importOrgs' },
      { id: 'sso-readiness.idp-initiated', title: 'IdP-initiated login handled through the initiate-login URL' },
      { id: 'sso-readiness.admin-portal', title: "Admin portal available for customers' IT admins" },
      { id: 'sso-readiness.errors', title: 'Login error pages explain SSO failures and offer a way out' },
      { id: 'sso-readiness.jit', title: 'Just-in-time provisioning and default roles decided' },
    ],
  },
  {
    id: 'scim-readiness',
    title: 'SCIM production readiness',
    kind: 'review',
    items: [
      { id: 'scim-readiness.directories', title: 'Directory sync configured for each customer that needs it' },
      { id: 'scim-readiness.webhooks', title: 'Webhook endpoint receives directory events and verifies their signatures' },
      { id: 'scim-readiness.deprovisioning', title: 'Deprovisioned users lose access: sessions revoked, memberships removed' },
      { id: 'scim-readiness.groups', title: 'Directory groups mapped to roles' },
      { id: 'scim-readiness.idempotent', title: 'Event handlers are idempotent and safe to replay' },
    ],
  },
];

export const ITEM_IDS: ReadonlySet<string> = new Set(CHECKLIST.flatMap((section) => section.items.map((item) => item.id)));
