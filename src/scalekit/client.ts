import { ScalekitClient } from '@scalekit-sdk/node';
import { UserInputError } from '../errors.js';

export const SCALEKIT_ENV_VARS = ['SCALEKIT_ENVIRONMENT_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'] as const;

export interface ScalekitConnection {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Reads the three SCALEKIT_* variables; names every one that is missing. Never echoes the secret. */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): ScalekitConnection {
  const missing = SCALEKIT_ENV_VARS.filter((name) => !env[name]);
  if (missing.length) {
    throw new UserInputError(`missing Scalekit connection settings: set ${missing.join(', ')} (see \`scalekit-migrate emulator\` for a local one)`);
  }
  const environmentUrl = env.SCALEKIT_ENVIRONMENT_URL!.replace(/\/+$/, '');
  try {
    new URL(environmentUrl);
  } catch {
    throw new UserInputError(`SCALEKIT_ENVIRONMENT_URL "${environmentUrl}" is not a URL`);
  }
  return { environmentUrl, clientId: env.SCALEKIT_CLIENT_ID!, clientSecret: env.SCALEKIT_CLIENT_SECRET! };
}

/** The real SDK client: the same code path against Scalekit and against the local emulator. */
export function createScalekitClient(connection: ScalekitConnection = connectionFromEnv()): ScalekitClient {
  return new ScalekitClient(connection.environmentUrl, connection.clientId, connection.clientSecret);
}
