import { relative, sep } from 'node:path';
import { Node, SyntaxKind, type ObjectLiteralExpression, type SourceFile, type Type } from 'ts-morph';
import { classifyField, type FieldType, type MappedField } from './generated/claims-mapping.js';

/** Calls that sign a legacy token: their payload's keys are the shape handlers get back from verification. */
const SIGN_CALL = /(?:^|\.)(?:sign|signAsync|jwtSign)$/;
/** Expressions that hold the authenticated user in handlers. */
const USER_HOLDER = /(?:^|\.)(?:user|auth|claims|payload|decoded|currentUser|jwtPayload)$|nextauth\??\.token$/;
/** Members of a user object that are not data. */
const NOT_FIELDS = new Set(['save', 'toJSON', 'toObject', 'get', 'set', 'then', 'length', 'constructor', 'hasOwnProperty', 'includes', 'some', 'map']);

export interface ClaimsShapeOptions {
  /** The app restores its own User row from a session (passport's deserializeUser): reads of that row are not token claims. */
  sessionUser?: boolean;
  /** The generated modules: a type declared there (AppUser) is the codemod's own guess, not the app's. */
  generated?: ReadonlySet<SourceFile>;
}

/**
 * The fields of the legacy user object the app's code reads or its tokens carry, each with the
 * Scalekit claim that fills it and, where the code says, its type: from the payloads of legacy `sign`
 * calls (nested objects become dotted paths: `{ user: { id } }` -> `user.id`) and from reads like
 * `req.auth.user.id`, `res.locals.user.role`, `ctx.state.user.sub`, `session.user.id`.
 */
export function inferClaimsShape(root: string, files: readonly SourceFile[], options: ClaimsShapeOptions = {}): MappedField[] {
  const fields = new Map<string, MappedField>();
  // Types are asked of the checker only for the fields kept (its first question builds the whole program).
  const note = (path: string[], initializer: string | undefined, node: Node, typeOf: () => FieldType | undefined, strong = true) => {
    if (path.some((segment) => NOT_FIELDS.has(segment))) return;
    const name = path.join('.');
    const known = fields.get(name);
    if (known) {
      if (!known.type) {
        const type = typeOf();
        if (type) known.type = type;
      }
      return;
    }
    const source = classifyField(path.at(-1)!, initializer);
    // A bare `user.x` may be a database row (password hashes, timestamps): only names with a known claim count.
    if (!strong && (source === 'unmapped' || source === 'email')) return;
    const type = typeOf();
    fields.set(name, { name, source, ...(type ? { type } : {}), seenAt: `${relative(root, node.getSourceFile().getFilePath()).split(sep).join('/')}:${node.getStartLineNumber()}` });
  };
  const notePayload = (payload: ObjectLiteralExpression, prefix: string[]) => {
    for (const property of payload.getProperties()) {
      if (Node.isPropertyAssignment(property)) {
        const initializer = property.getInitializer();
        if (initializer && Node.isObjectLiteralExpression(initializer)) notePayload(initializer, [...prefix, property.getName()]);
        else note([...prefix, property.getName()], initializer?.getText(), property, () => (initializer ? valueType(initializer.getType()) : undefined));
      } else if (Node.isShorthandPropertyAssignment(property)) {
        note([...prefix, property.getName()], undefined, property, () => valueType(property.getType()));
      }
    }
  };
  for (const file of files) {
    if (isTestFile(file)) continue;
    const text = file.getFullText();
    if (/sign(?:Async)?\s*\(|jwtSign/.test(text)) {
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        if (!SIGN_CALL.test(call.getExpression().getText())) continue;
        const payload = literalOf(call.getArguments()[0]);
        if (payload) notePayload(payload, []);
      }
    }
    if (!/user|auth|claims|payload|decoded|nextauth/.test(text)) continue;
    for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      const parent = access.getParent();
      // Only whole chains: `req.auth.user.id` once, not its inner `req.auth.user`.
      if (parent && Node.isPropertyAccessExpression(parent) && parent.getExpression() === access) continue;
      if (parent && Node.isNonNullExpression(parent)) continue;
      if (parent && Node.isBinaryExpression(parent) && parent.getLeft() === access && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) continue;
      const segments = chainSegments(access);
      if (!segments) continue;
      const called = Boolean(parent && Node.isCallExpression(parent) && parent.getExpression() === access);
      for (let at = 1; at < segments.length; at++) {
        const holder = segments.slice(0, at).join('.');
        if (!USER_HOLDER.test(holder)) continue;
        const strong = /^(?:req|request|res\.locals|ctx|context|session)\b/.test(holder);
        if (!strong && !/^(?:token|payload|decoded|user|claims|auth|jwtPayload|currentUser)\b/.test(holder)) break;
        if (options.sessionUser && /^(?:req\.user|request\.user|res\.locals\.user|ctx\.state\.user)$/.test(holder)) break;
        const path = segments.slice(at, called ? -1 : undefined);
        const declaredByUs = () => Boolean(options.generated?.size && access.getNameNode().getSymbol()?.getDeclarations().some((declaration) => options.generated!.has(declaration.getSourceFile())));
        if (path.length > 0) note(path, undefined, access, () => (called || declaredByUs() ? undefined : valueType(access.getType())), strong);
        break;
      }
    }
  }
  // A path that has members is an object, not a value: `user` goes when `user.id` is there.
  const names = [...fields.keys()];
  for (const name of names) if (names.some((other) => other.startsWith(name + '.'))) fields.delete(name);
  return [...fields.values()];
}

/** The object literal a sign call's payload is: written in place, or a variable initialised with one (`const payload: P = { email }`). */
function literalOf(node: Node | undefined): ObjectLiteralExpression | undefined {
  if (!node) return undefined;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (!Node.isIdentifier(node)) return undefined;
  for (const declaration of node.getSymbol()?.getDeclarations() ?? []) {
    const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
    if (initializer && Node.isObjectLiteralExpression(initializer)) return initializer;
  }
  return undefined;
}

/** `req.auth.user.id` -> ['req', 'auth', 'user', 'id'] (optional chains and `!` looked through); undefined for anything else. */
function chainSegments(access: Node): string[] | undefined {
  const segments: string[] = [];
  let node: Node = access;
  for (;;) {
    if (Node.isPropertyAccessExpression(node)) {
      segments.unshift(node.getName());
      node = node.getExpression();
    } else if (Node.isNonNullExpression(node) || Node.isParenthesizedExpression(node)) {
      node = node.getExpression();
    } else if (Node.isIdentifier(node) || node.getKind() === SyntaxKind.ThisKeyword) {
      segments.unshift(node.getText());
      return segments;
    } else {
      return undefined;
    }
  }
}

/** number or string when the checker knows the value's type (declared types, Prisma models, literals); undefined for any/unknown. */
function valueType(type: Type): FieldType | undefined {
  const parts = type.isUnion() ? type.getUnionTypes().filter((part) => !part.isUndefined() && !part.isNull()) : [type];
  if (parts.length === 0) return undefined;
  if (parts.every((part) => part.isNumber() || part.isNumberLiteral())) return 'number';
  if (parts.every((part) => part.isString() || part.isStringLiteral() || part.isTemplateLiteral())) return 'string';
  return undefined;
}

/** Test files exercise the code; what they read is not the app's shape. */
export function isTestFile(file: SourceFile): boolean {
  const path = file.getFilePath();
  return /\.(?:test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/.test(path) || /[\\/](?:__tests__|test|tests|e2e|__mocks__)[\\/]/.test(path);
}
