import { auditDoneCheck } from './audit-done.js';
import { codemodAppliedCheck, codemodDryRunCheck } from './codemod-runs.js';
import { exportPackageCheck } from './export-package.js';
import { importAppliedCheck, importPlanCheck } from './import-runs.js';
import { importVerifiedCheck } from './import-verified.js';
import { cutoverMonitoredCheck } from './cutover-monitored.js';
import { noLegacyValidationCheck } from './no-legacy-validation.js';
import { organizationScimCheck, organizationSsoCheck } from './org-sso.js';
import { rolesMatchCheck } from './roles-match.js';
import { testLoginCheck } from './test-login.js';
import { organizationDomainsCheck } from './organization-domains.js';
import { initiateLoginCheck, logoutUrlsCheck, redirectUrisCheck } from './redirects-registered.js';
import { skillFilesCheck } from './skill-files.js';
import { stateFileCheck } from './state-file.js';
import type { AutomaticCheck } from './types.js';

/** Checklist item id -> the check that decides it. An item listed here is checked on every read. */
export const AUTOMATIC_CHECKS: Readonly<Record<string, AutomaticCheck>> = {
  'audit-export.workspace': stateFileCheck,
  'audit-export.skills': skillFilesCheck,
  'audit-export.audit': auditDoneCheck,
  'audit-export.export': exportPackageCheck,
  'import.plan': importPlanCheck,
  'import.apply': importAppliedCheck,
  'import.verify': importVerifiedCheck,
  'redirects-roles.redirect-uris': redirectUrisCheck,
  'redirects-roles.logout-urls': logoutUrlsCheck,
  'redirects-roles.initiate-login': initiateLoginCheck,
  'app-code.dry-run': codemodDryRunCheck,
  'app-code.apply-dual': codemodAppliedCheck,
  'sso-readiness.domains': organizationDomainsCheck,
  'deploy-monitor.no-legacy': noLegacyValidationCheck,
  'redirects-roles.roles': rolesMatchCheck,
  'redirects-roles.test-login': testLoginCheck,
  'sso-readiness.connections': organizationSsoCheck,
  'scim-readiness.directories': organizationScimCheck,
  'deploy-monitor.monitor': cutoverMonitoredCheck,
};
