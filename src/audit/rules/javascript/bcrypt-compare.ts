import { ts } from 'ts-morph';
import { callRule } from '../../js/kit.js';
import { BCRYPT_MODULES } from './bcrypt-hash.js';

/** A password change or reset that compares against the stored hash checks the old password: it is not a login. */
const CHANGE_OR_RESET = /(?:update|change|reset|set|replace)_?Password|Password_?(?:update|change|reset)/i;

export default callRule({
  id: 'js.bcrypt.compare',
  category: ['login', 'password-hashing'],
  confidence: 'high',
  message: 'Checks a password against its bcrypt hash: part of a password login; login moves to Scalekit',
  keywords: ['bcrypt'],
  calls: [{ module: BCRYPT_MODULES, path: ['compare', 'compareSync', 'verify', 'verifySync'] }],
  inspect(call, context) {
    // The stored bcrypt hashes are what the import carries over: the code that checks them depends on their format.
    context.report(call, { category: 'password-hashing', message: 'Checks a password against its stored bcrypt hash: the import must carry these hashes over (hash side file)' });
    if (CHANGE_OR_RESET.test(enclosingFunctionName(call) ?? '')) return null;
  },
});

function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if ((ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) && current.name) return current.name.getText();
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent)) return current.parent.name.getText();
  }
  return undefined;
}
