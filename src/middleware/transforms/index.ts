import { jsonwebtokenVerify } from './jsonwebtoken-verify.js';
import { rbacRoleCheck } from './rbac-role-check.js';
import type { Transform } from './types.js';

/** Every transform, in the order they run on a file. */
export const TRANSFORMS: readonly Transform[] = [jsonwebtokenVerify, rbacRoleCheck];
