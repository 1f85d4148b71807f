/** The audit categories of DESIGN.md; each is a level-2 section of AUDIT-CHECKLIST.md. */
export const CATEGORIES = [
  'signup',
  'login',
  'session-middleware',
  'token-issuance',
  'refresh-token',
  'rbac',
  'email-verification',
  'password-reset',
  'logout',
  'password-hashing',
  'oauth-provider',
  'mfa',
  'api-key',
  'user-model',
  'org-model',
  'role-model',
  'auth-config',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Source families the rules are written for; `config` is .env and framework settings files. */
export const ECOSYSTEMS = ['javascript', 'prisma', 'sql', 'python', 'go', 'java', 'php', 'ruby', 'config'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];
