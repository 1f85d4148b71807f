import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';

/**
 * Every file of a migration package is opened through here: a plain name inside the package
 * folder (no path separator, no `.`/`..`), never through a symbolic link (O_NOFOLLOW), and only
 * a regular file (a FIFO or a device is refused before it is read, so `/dev/zero` cannot hang a run).
 * A package copied from elsewhere is input like any other: it must not make a run read or write
 * outside its folder.
 */
export function checkPackageFileName(name: string, where: string): void {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new UserInputError(`${where}: "${name}" is not a file name inside the package folder (no path separators, no "." or ".."); the package is refused`);
  }
}

const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Opens a package file for reading. Rejects with ENOENT (untranslated) when it does not exist, so callers can decide. */
export async function openPackageFile(dir: string, name: string, where = `package ${dir}`): Promise<FileHandle> {
  checkPackageFileName(name, where);
  return checkedOpen(join(dir, name), READ_FLAGS);
}

/** Opens (creating it owner-only) a package file to append to and read back: the journal. Also refuses a hard link, whose other name may be anywhere. */
export async function openPackageFileForAppend(dir: string, name: string, where = `package ${dir}`): Promise<FileHandle> {
  checkPackageFileName(name, where);
  const path = join(dir, name);
  const handle = await checkedOpen(path, APPEND_FLAGS, 0o600);
  const { nlink } = await handle.stat();
  if (nlink > 1) {
    await handle.close();
    throw new UserInputError(`${path} has ${nlink} names (a hard link): a package file that is also elsewhere is not written to`);
  }
  return handle;
}

/** Reads a whole package file as UTF-8 text, with the same checks. */
export async function readPackageText(dir: string, name: string, where?: string): Promise<string> {
  const handle = await openPackageFile(dir, name, where);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

async function checkedOpen(path: string, flags: number, mode?: number): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, flags, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UserInputError(`${path} is a symbolic link: package files must be regular files in the package folder, not links`);
    if (code === 'ENXIO' || code === 'ENODEV') throw new UserInputError(`${path} is not a regular file: package files must be regular files`);
    throw error;
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new UserInputError(`${path} is not a regular file (${kindOf(stat)}): package files must be regular files`);
  }
  return handle;
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}
