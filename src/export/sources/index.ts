import { relative, resolve } from 'node:path';
import { UserInputError } from '../../errors.js';
import { resolveInside } from '../../workspace/confine.js';
import { migrationDir } from '../../workspace/paths.js';
import { readDataModel } from '../data-model.js';
import type { ExportSource } from '../model.js';
import type { ExportOptions } from '../options.js';
import { auth0Source } from './auth0.js';
import { clerkSource } from './clerk.js';
import { cognitoSource } from './cognito.js';
import { databaseSource, postgresRef } from './database.js';
import { firebaseSource } from './firebase.js';
import { flatSource } from './flat.js';
import { keycloakSource } from './keycloak.js';
import { join } from 'node:path';

/**
 * Opens the source the options name. Paths are relative to the workspace; with `confine` (MCP tool calls, and
 * the CLI's --confine) every path must lie inside it.
 */
export async function openSource(options: ExportOptions, workspace: string, confine = true, readBatchRows?: number): Promise<ExportSource> {
  const inside = (path: string | undefined, what: string) =>
    path === undefined ? undefined : confine ? resolveInside(workspace, path, what) : resolve(workspace, path);
  const shown = (path: string) => relative(workspace, path) || '.';
  const mapping = inside(options.mapping, 'mapping');

  if (options.source === 'sqlite' || options.source === 'postgres') {
    if (!options.url) throw new UserInputError(`the ${options.source} source needs --url (${options.source === 'sqlite' ? 'the database file' : 'a postgres:// URL'})`);
    const dataModelPath = options.dataModel ? inside(options.dataModel, 'dataModel')! : join(migrationDir(workspace), 'audit.json');
    const hints = mapping ? undefined : readDataModel(dataModelPath, options.dataModel !== undefined);
    if (options.source === 'sqlite') {
      const file = inside(options.url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, ''), 'url')!;
      return databaseSource({ kind: 'sqlite', location: file, ref: shown(file), mappingPath: mapping, preset: options.preset, hints, readBatchRows });
    }
    return databaseSource({ kind: 'postgres', location: options.url, ref: postgresRef(options.url), mappingPath: mapping, preset: options.preset, hints, readBatchRows });
  }

  if (!options.file) throw new UserInputError(`the ${options.source} source needs --file (the export file)`);
  if (options.url) throw new UserInputError(`--url is for database sources; the ${options.source} source reads --file`);
  const file = inside(options.file, 'file')!;
  if (options.passwordHashesFile && options.source !== 'auth0') throw new UserInputError('passwordHashesFile is for the auth0 source');
  const source = openFileSource(options, file, mapping, inside(options.organizationsFile, 'organizationsFile'), inside(options.passwordHashesFile, 'passwordHashesFile'));
  source.ref = shown(file);
  return source;
}

function openFileSource(options: ExportOptions, file: string, mapping: string | undefined, organizationsFile: string | undefined, hashesFile: string | undefined): ExportSource {
  switch (options.source) {
    case 'auth0':
      return auth0Source(file, organizationsFile, hashesFile);
    case 'firebase':
      return firebaseSource(file, { hashKey: options.hashKey, saltSeparator: options.saltSeparator, rounds: options.rounds, memCost: options.memCost });
    case 'cognito':
      return cognitoSource(file);
    case 'clerk':
      return clerkSource(file);
    case 'keycloak':
      return keycloakSource(file, { groupsAsOrganizations: options.groupsAsOrganizations ?? false });
    case 'json':
    case 'csv':
      return flatSource(options.source, file, mapping);
    default:
      throw new UserInputError(`unknown source ${options.source}`);
  }
}
