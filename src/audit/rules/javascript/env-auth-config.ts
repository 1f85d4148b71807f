import { ts } from 'ts-morph';
import { envName } from '../../js/facts.js';
import { astRule } from '../../js/kit.js';
import { readsEnvNamed } from '../../js/gates.js';
import { isAuthEnvName, isSecretEnvName } from '../../shared/auth-env.js';

export default astRule({
  id: 'js.env.auth-config',
  category: 'auth-config',
  confidence: 'high',
  message: 'Reads auth configuration from the environment',
  keywords: ['process.env', 'import.meta.env', 'Bun.env', 'Deno.env'],
  gate: (text) => readsEnvNamed(text, isAuthEnvName),
  create(context) {
    const handle = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) return;
      const name = envName(node);
      if (!name || !isAuthEnvName(name)) return;
      const at = context.at(node);
      if (isSecretEnvName(name)) context.facts.secret(name, at);
      context.reportAt(at, {
        message: isSecretEnvName(name)
          ? `Auth secret ${name} from the environment: keep it until the agreed window ends, then retire it (deploy-monitor)`
          : `Auth setting ${name} from the environment: legacy auth configuration`,
      });
    };
    return { [ts.SyntaxKind.PropertyAccessExpression]: handle, [ts.SyntaxKind.ElementAccessExpression]: handle, [ts.SyntaxKind.CallExpression]: handle };
  },
});
