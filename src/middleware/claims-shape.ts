import { relative, sep } from 'node:path';
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { classifyField, type MappedField } from './generated/claims-mapping.js';

/** Calls that sign a legacy token: their payload's keys are the shape handlers get back from verification. */
const SIGN_CALL = /(?:^|\.)(?:sign|signAsync|jwtSign)$/;
/** Expressions that hold the authenticated user in handlers. */
const USER_HOLDER = /(?:^|\.)(?:user|auth|claims|payload|decoded|currentUser|jwtPayload)$|nextauth\??\.token$/;
/** Members of a user object that are not data. */
const NOT_FIELDS = new Set(['save', 'toJSON', 'toObject', 'get', 'set', 'then', 'length', 'constructor', 'hasOwnProperty', 'includes', 'some', 'map']);

/**
 * The fields of the legacy user object the app's code reads or its tokens carry, each with the
 * Scalekit claim that fills it: from the payloads of legacy `sign` calls and from reads like
 * `req.user.orgId`, `res.locals.user.role`, `ctx.state.user.sub`, `session.user.id`.
 */
export function inferClaimsShape(root: string, files: readonly SourceFile[]): MappedField[] {
  const fields = new Map<string, MappedField>();
  const note = (name: string, initializer: string | undefined, node: Node, strong = true) => {
    if (NOT_FIELDS.has(name) || fields.has(name)) return;
    const source = classifyField(name, initializer);
    // A bare `user.x` may be a database row (password hashes, timestamps): only names with a known claim count.
    if (!strong && (source === 'unmapped' || source === 'email')) return;
    fields.set(name, { name, source, seenAt: `${relative(root, node.getSourceFile().getFilePath()).split(sep).join('/')}:${node.getStartLineNumber()}` });
  };
  for (const file of files) {
    const text = file.getFullText();
    if (/sign(?:Async)?\s*\(|jwtSign/.test(text)) {
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        if (!SIGN_CALL.test(call.getExpression().getText())) continue;
        const payload = call.getArguments()[0];
        if (!payload || !Node.isObjectLiteralExpression(payload)) continue;
        for (const property of payload.getProperties()) {
          if (Node.isPropertyAssignment(property)) note(property.getName(), property.getInitializer()?.getText(), property);
          else if (Node.isShorthandPropertyAssignment(property)) note(property.getName(), undefined, property);
        }
      }
    }
    if (!/user|auth|claims|payload|decoded|nextauth/.test(text)) continue;
    for (const access of file.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
      const holder = access.getExpression().getText().replace(/\s+/g, '').replace(/!/g, '');
      if (!USER_HOLDER.test(holder.replace(/\?$/, ''))) continue;
      const strong = /^(?:req|request|res\.locals|ctx|context|session)\b/.test(holder);
      if (!strong && !/^(?:token|payload|decoded|user|claims|auth|jwtPayload|currentUser)\b/.test(holder)) continue;
      const parent = access.getParent();
      if (parent && Node.isCallExpression(parent) && parent.getExpression() === access) continue;
      if (parent && Node.isBinaryExpression(parent) && parent.getLeft() === access && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) continue;
      note(access.getName(), undefined, access, strong);
    }
  }
  return [...fields.values()];
}
