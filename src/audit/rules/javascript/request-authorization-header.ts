import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';
import { SCALEKIT_AWARE } from '../../shared/scalekit-module.js';

const HEADER_OBJECT = /^(?:req|request|ctx|context|event|c|r)(?:\.raw|\.req|\.request)?\.headers$/;
/** `!== \`Bearer ${cronSecret}\`` or `=== process.env.X`: the header compared with a fixed secret of the environment. */
const BEARER_OF = /[!=]==?\s*`Bearer \$\{([\w$.]+)\}`|`Bearer \$\{([\w$.]+)\}`\s*[!=]==?/g;
const ENV_COMPARE = /[!=]==?\s*process\.env\.[A-Z0-9_]*(?:SECRET|KEY|TOKEN)[A-Z0-9_]*\b/;

/** A machine's shared secret (a cron or webhook caller), which the migration of user auth leaves alone. */
function comparesSharedSecret(text: string): boolean {
  if (ENV_COMPARE.test(text)) return true;
  for (const match of text.matchAll(BEARER_OF)) {
    const name = (match[1] ?? match[2])!;
    if (name.startsWith('process.env.')) return true;
    const escaped = name.replace(/[$.]/g, '\\$&');
    if (new RegExp(`\\b${escaped}\\s*=\\s*process\\.env\\.`).test(text)) return true;
  }
  return false;
}

const HEADER_GETTER = /^(?:(?:req|request|ctx|context|c)(?:\.req)?\.(?:get|header)|(?:[\w$]+\.)*headers(?:\(\))?\.get)$/;

export default astRule({
  id: 'js.request.authorization-header',
  category: 'session-middleware',
  confidence: 'medium',
  message: 'Reads the Authorization header: a hand-written token check; updateMiddleware makes it accept Scalekit tokens (dual mode)',
  keywords: ['uthorization'],
  create(context) {
    // Reading the header is neutral; in a file that validates with the Scalekit SDK or the app's generated
    // Scalekit module (updateMiddleware) it feeds the new path.
    if (context.imports.has(SCALEKIT_AWARE)) return {};
    if (comparesSharedSecret(context.sourceFile.text)) return {};
    return {
      [ts.SyntaxKind.PropertyAccessExpression](node) {
        const access = node as ts.PropertyAccessExpression;
        if (access.name.text.toLowerCase() !== 'authorization') return;
        const object = chainText(unwrap(access.expression));
        if (object && HEADER_OBJECT.test(object)) context.report(access);
      },
      [ts.SyntaxKind.ElementAccessExpression](node) {
        const access = node as ts.ElementAccessExpression;
        if (stringValue(access.argumentExpression)?.toLowerCase() !== 'authorization') return;
        const object = chainText(unwrap(access.expression));
        if (object && HEADER_OBJECT.test(object)) context.report(access);
      },
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        if (stringValue(call.arguments[0])?.toLowerCase() !== 'authorization') return;
        const callee = chainText(call.expression);
        if (callee && HEADER_GETTER.test(callee)) context.report(call);
      },
    };
  },
});
