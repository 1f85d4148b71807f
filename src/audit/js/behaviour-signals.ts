import { ts } from 'ts-morph';
import { chainText, rootName, stringValue, unwrap } from './expression-text.js';
import type { ImportMap } from './imports.js';
import { AUTH_COOKIE_NAME } from '../shared/auth-paths.js';

export type Signal = 'hashes-password' | 'creates-user' | 'compares-password' | 'issues-session';

const HASH_MODULES = /^(?:bcrypt|bcryptjs|@node-rs\/bcrypt|bcrypt-nodejs|bcrypt-ts|argon2|@node-rs\/argon2|@phc\/argon2)$/;
const USER_MODEL = /^(?:User|Users|UserModel|AppUser|Account|Member)$/;
const USER_CREATE = [
  /\.(?:user|users|appUser|account|accounts|member|members)\.(?:create|insert|insertOne|createOne|save|upsert|add)$/i,
  /^(?:User|Users|UserModel|AppUser|Account|Member)\.(?:create|build|insert|insertOne|insertMany|save|upsert|createUser)$/,
  /(?:^|\.)(?:userRepository|userRepo|usersRepository|userModel|usersModel|userService|usersService|userDao|accountService|accountRepository)\.(?:create|save|insert|createUser|add|register)$/i,
  /(?:^|\.)(?:createUser|insertUser|addUser|registerUser|createAccount|signUpUser)$/,
];
const PASSWORD_COMPARE = /(?:^|\.)(?:comparePassword|comparePasswords|verifyPassword|checkPassword|validatePassword|isValidPassword|isPasswordValid|passwordMatches|matchPassword|matchesPassword|authenticatePassword)$/i;
const PASSWORD_HASH = /(?:^|\.)(?:hashPassword|encryptPassword|generatePasswordHash|createPasswordHash|setPassword)$/i;
const SESSION_ISSUE = [
  /^(?:req|request|ctx|context)\.(?:login|logIn)$/,
  /\.(?:jwtSign)$/,
  /(?:^|\.)(?:jwtService|jwt)\.(?:sign|signAsync)$/,
  /(?:^|\.)(?:generateToken|generateTokens|generateAccessToken|createToken|createAccessToken|issueToken|issueTokens|signToken|createSession|createSessionCookie|startSession|setSession|setAuthCookie|issueSession)$/i,
  /\.cookieAuth\.set$/,
];

/** The behaviour signals one call, `new` or assignment gives, for finding sign-up and login handlers by what they do. */
export function signalsOf(node: ts.Node, imports: ImportMap, sourceFile: ts.SourceFile): Signal[] {
  if (ts.isCallExpression(node)) return callSignals(node, imports);
  if (ts.isNewExpression(node)) {
    const callee = unwrap(node.expression);
    if (ts.isIdentifier(callee) && USER_MODEL.test(callee.text)) return ['creates-user'];
    const resolved = imports.resolve(callee);
    if (resolved?.module === 'jose' && resolved.path === 'SignJWT') return ['issues-session'];
    return [];
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const target = chainText(unwrap(node.left));
    if (target && /^(?:req|request|ctx|context)\.session\.(?:user|userId|user_id|uid|account|accountId|auth)$/.test(target)) return ['issues-session'];
    return [];
  }
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
    const text = ts.isTemplateExpression(node) ? node.getText(sourceFile) : node.text;
    if (/\binsert\s+into\s+["`'[]?(?:\w+\.)?(?:app_)?(?:users?|accounts?|members?)\b/i.test(text)) return ['creates-user'];
    return [];
  }
  return [];
}

function callSignals(call: ts.CallExpression, imports: ImportMap): Signal[] {
  const resolved = imports.resolve(call.expression);
  const text = chainText(call.expression) ?? '';
  if (resolved && HASH_MODULES.test(resolved.module)) {
    if (/^(?:hash|hashSync|hashRaw)$/.test(resolved.path)) return ['hashes-password'];
    if (/^(?:compare|compareSync|verify|verifySync)$/.test(resolved.path)) return ['compares-password'];
  }
  if (resolved && /^(?:node:)?crypto$/.test(resolved.module) && /^(?:scrypt|scryptSync|pbkdf2|pbkdf2Sync)$/.test(resolved.path)) return ['hashes-password'];
  if (resolved?.module === 'jsonwebtoken' && resolved.path === 'sign') return ['issues-session'];
  if (PASSWORD_HASH.test(text)) return ['hashes-password'];
  if (PASSWORD_COMPARE.test(text)) return ['compares-password'];
  if (USER_CREATE.some((pattern) => pattern.test(text)) && !/^(?:bcrypt|argon2)/.test(rootName(text))) return ['creates-user'];
  if (isTableInsert(call, text)) return ['creates-user'];
  if (SESSION_ISSUE.some((pattern) => pattern.test(text))) return ['issues-session'];
  if (/^jwt\.sign$/.test(text)) return ['issues-session'];
  if (/^(?:res|response|reply)\.(?:cookie|setCookie)$|\.cookies\.set$/.test(text)) {
    const name = stringValue(call.arguments[0]);
    if (name && AUTH_COOKIE_NAME.test(name)) return ['issues-session'];
  }
  return [];
}

/** knex('users').insert(...), db.insert(users).values(...), db.insertInto('users'). */
function isTableInsert(call: ts.CallExpression, text: string): boolean {
  if (/(?:^|\.)insertInto$/.test(text)) return isUserTable(stringValue(call.arguments[0]));
  if (!/\.insert$/.test(text)) return false;
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const argument = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (argument && ts.isIdentifier(argument) && /^(?:users?|usersTable|userTable|accounts?)$/.test(argument.text)) return true;
  const receiver = unwrap(callee.expression);
  if (ts.isCallExpression(receiver)) return isUserTable(stringValue(receiver.arguments[0]));
  return false;
}

function isUserTable(name: string | undefined): boolean {
  return name !== undefined && /^(?:\w+\.)?(?:app_)?(?:users?|accounts?|members?)$/i.test(name);
}
