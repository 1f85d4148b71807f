import type { Category } from '../categories.js';

/** Categories a data-model rule may put on its findings: by entity kind, auth-table purpose, or a telling user column. */
export const DATA_MODEL_CATEGORIES = [
  'user-model',
  'org-model',
  'role-model',
  'token-issuance',
  'oauth-provider',
  'email-verification',
  'password-reset',
  'refresh-token',
  'api-key',
  'mfa',
  'password-hashing',
] as const satisfies readonly Category[];
