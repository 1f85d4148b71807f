import { ts } from 'ts-morph';
import { chainText, stringValue, unwrap } from '../../js/expression-text.js';
import { astRule } from '../../js/kit.js';

const PASSWORD = /pass(?:word|wd)?|pwd/i;
const BREACHED_PASSWORD_LOOKUP = /pwnedpasswords|haveibeenpwned|PwnedPasswords|\/range\/\$\{/i;

export default astRule({
  id: 'js.crypto.digest-password',
  category: 'password-hashing',
  confidence: 'medium',
  message: 'Hashes a password with a plain digest (md5/sha): a weak legacy scheme; Scalekit imports no hash, users need a new sign-in method',
  keywords: ['createHash', 'md5', 'sha1', 'sha256'],
  create(context) {
    // A breached-password lookup (Have I Been Pwned's range API) digests a password to send a prefix, not to store it.
    if (BREACHED_PASSWORD_LOOKUP.test(context.sourceFile.text)) return {};
    return {
      [ts.SyntaxKind.CallExpression](node) {
        const call = node as ts.CallExpression;
        const callee = unwrap(call.expression);
        const argumentText = call.arguments.map((argument) => argument.getText(context.sourceFile)).join(' ');
        if (!PASSWORD.test(argumentText)) return;
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'update') {
          const receiver = unwrap(callee.expression);
          if (!ts.isCallExpression(receiver)) return;
          const resolved = context.imports.resolve(receiver.expression);
          const isCreateHash = resolved ? /^(?:node:)?crypto$/.test(resolved.module) && resolved.path === 'createHash' : chainText(receiver.expression) === 'crypto.createHash';
          const algorithm = stringValue(receiver.arguments[0]);
          if (isCreateHash && algorithm && /^(?:md5|sha1|sha-?256|sha-?512|sha224|sha384)$/i.test(algorithm)) context.report(call, { message: `Hashes a password with plain ${algorithm}: a weak legacy scheme; Scalekit imports no hash, users need a new sign-in method` });
          return;
        }
        const resolved = context.imports.resolve(call.expression);
        if (resolved && /^(?:md5|blueimp-md5|sha1|js-sha256|crypto-js\/(?:md5|sha1|sha256))$/.test(resolved.module)) context.report(call);
      },
    };
  },
});
