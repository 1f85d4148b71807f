import type { UserStatus } from '../../package/records.js';

/** Status words sources use, read as the package's statuses. */
export const STATUS_WORDS: Record<string, UserStatus> = {
  active: 'active',
  enabled: 'active',
  confirmed: 'active',
  inactive: 'inactive',
  disabled: 'inactive',
  deactivated: 'inactive',
  suspended: 'blocked',
  blocked: 'blocked',
  banned: 'blocked',
  locked: 'blocked',
  deleted: 'deleted',
  archived: 'deleted',
  discarded: 'deleted',
  unconfirmed: 'unconfirmed',
  invited: 'unconfirmed',
  pending: 'unconfirmed',
};
