import { expressJwt } from './express-jwt.js';
import { fastifyJwt } from './fastify-jwt.js';
import { jsonwebtokenVerify } from './jsonwebtoken-verify.js';
import { koaJwt } from './koa-jwt.js';
import { nestJwtService } from './nest-jwt-service.js';
import { nestJwtStrategy } from './nest-jwt-strategy.js';
import { nextMiddleware } from './next-middleware.js';
import { nextServerSession } from './next-server-session.js';
import { passportJwt } from './passport-jwt.js';
import { passportSession } from './passport-session.js';
import { passportSessionUser } from './passport-session-user.js';
import { rbacRoleCheck } from './rbac-role-check.js';
import type { Transform } from './types.js';

/** Every transform, in the order they run on a file; RBAC last, once the checks it sits behind are rewritten. */
export const TRANSFORMS: readonly Transform[] = [
  jsonwebtokenVerify,
  expressJwt,
  passportJwt,
  passportSessionUser,
  passportSession,
  koaJwt,
  fastifyJwt,
  nestJwtStrategy,
  nestJwtService,
  nextMiddleware,
  nextServerSession,
  rbacRoleCheck,
];
