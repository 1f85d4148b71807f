import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { UserInputError } from '../errors.js';
import { PACKAGE_FILES, lastPackagePointer } from './layout.js';
import { manifestSchema, type Manifest } from './manifest.js';
import { checkPackageFileName, openPackageFile, readPackageText } from './open-package-file.js';
import { strippedFields } from './stripped-fields.js';

/** Reads and validates a package's manifest.json. */
export async function readManifest(packageDir: string): Promise<Manifest> {
  const path = join(packageDir, PACKAGE_FILES.manifest);
  let text: string;
  try {
    text = await readPackageText(packageDir, PACKAGE_FILES.manifest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserInputError(`no migration package at ${packageDir}: ${PACKAGE_FILES.manifest} is missing`);
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UserInputError(`${path}: ${issue?.path.join('.') || 'top level'}: ${issue?.message}`);
  }
  refuseUnknownFields(path, parsed, result.data);
  for (const name of Object.keys(result.data.files)) checkPackageFileName(name, `${path}: files`);
  if (!result.data.files[PACKAGE_FILES.users]) {
    throw new UserInputError(`${path}: files does not list ${PACKAGE_FILES.users}: a package without its users file is incomplete`);
  }
  return result.data;
}

/** A field the format does not know would be dropped without a word: it is refused, named with where it is. */
function refuseUnknownFields(where: string, input: unknown, parsed: unknown): void {
  const unknown = strippedFields(input, parsed);
  if (unknown.length) {
    const names = unknown.slice(0, 5).map((field) => `"${field}"`).join(', ');
    throw new UserInputError(`${where}: unknown field${unknown.length > 1 ? 's' : ''} ${names}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}: not part of the package format, so it would be lost on import`);
  }
}

export interface NumberedRecord<T> {
  /** 1-based line number in the file, for error messages and journal references. */
  line: number;
  record: T;
}

/** Streams an NDJSON file of the package, validating each line; an invalid line is an error naming file and line. */
export async function* readRecords<S extends z.ZodType>(path: string, schema: S): AsyncGenerator<NumberedRecord<z.output<S>>> {
  const handle = await openPackageFile(dirname(path), basename(path));
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UserInputError(`${path}:${line}: not valid JSON: ${(error as Error).message}`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new UserInputError(`${path}:${line}: ${issue?.path.join('.') || 'record'}: ${issue?.message}`);
    }
    refuseUnknownFields(`${path}:${line}`, parsed, result.data);
    yield { line, record: result.data };
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await openPackageFile(dirname(path), basename(path));
  for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks every file the manifest lists against its recorded sha256; names each one that differs. */
export async function verifyPackageChecksums(packageDir: string, manifest: Manifest): Promise<void> {
  const bad: string[] = [];
  for (const [name, entry] of Object.entries(manifest.files)) {
    checkPackageFileName(name, `${join(packageDir, PACKAGE_FILES.manifest)}: files`);
    const actual = await sha256OfFile(join(packageDir, name)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    });
    if (actual !== entry.sha256) bad.push(actual === 'missing' ? `${name} is missing` : `${name} changed since export`);
  }
  if (bad.length) throw new UserInputError(`migration package ${packageDir} does not match its manifest: ${bad.join('; ')}`);
}

/** One digest for the whole package: the journal pins it so a changed package is noticed on resume. */
export function packageDigest(manifest: Manifest): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(manifest.files).sort()) hash.update(`${name}:${manifest.files[name]!.sha256}\n`);
  return hash.digest('hex');
}

/** The folder of the package export wrote last in this workspace, or undefined when there is none. */
export async function lastPackageDir(workspace: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(lastPackagePointer(workspace), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as { path?: unknown };
  if (typeof parsed.path !== 'string') throw new UserInputError(`${lastPackagePointer(workspace)} does not name a package folder`);
  return parsed.path;
}
