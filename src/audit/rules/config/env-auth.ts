import { isAuthEnvName, isSecretEnvName } from '../../shared/auth-env.js';
import type { TextRule } from '../types.js';

const rule: TextRule = {
  id: 'config.env.auth-variable',
  kind: 'text',
  ecosystem: 'config',
  category: 'auth-config',
  confidence: 'high',
  message: 'Auth setting in an environment file',
  keywords: ['='],
  files: /(?:^|\/)(?:\.env(?:\.[\w.-]+)?|env[.-]example[\w.-]*|[\w-]+\.env\.example|example\.env)$/,
  pattern: /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/,
  classify(match, _line, context) {
    const name = match[1]!;
    if (!isAuthEnvName(name)) return null;
    const at = { line: context.line, column: match.index + 1 + match[0].indexOf(name) };
    if (isSecretEnvName(name)) context.facts.secret(name, at);
    return {
      column: at.column,
      overrides: {
        message: isSecretEnvName(name)
          ? `Auth secret ${name} (value not read): keep it until the agreed window ends, then retire it (deploy-monitor)`
          : `Auth setting ${name}: legacy auth configuration`,
      },
    };
  },
};

export default rule;
