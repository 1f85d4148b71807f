import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync, chmodSync, existsSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UserInputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ignoreMigrationFolder } from '../workspace/ignore-file.js';
import { PACKAGE_FILES, lastPackagePointer } from './layout.js';
import { PACKAGE_FORMAT, manifestSchema, type FileEntry, type Manifest } from './manifest.js';

const BUFFER_BYTES = 1 << 17;

/**
 * One NDJSON file of a package: written synchronously through a 128 KiB buffer that lines are encoded
 * into (constant memory, no back-pressure to manage), hashed while written, owner-only from the moment it exists.
 */
export class NdjsonFileWriter {
  private readonly fd: number;
  /** Package files are hashed for the manifest; working files are not. */
  private readonly hash: Hash | undefined;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private bytesWritten = 0;
  private count = 0;
  private closed = false;

  constructor(
    readonly path: string,
    hashed = true,
  ) {
    this.fd = openSync(path, 'wx', 0o600);
    this.hash = hashed ? createHash('sha256') : undefined;
  }

  get records(): number {
    return this.count;
  }

  write(record: unknown): void {
    this.writeLine(JSON.stringify(record));
  }

  /** A line that is already one JSON document. */
  writeLine(json: string): void {
    this.count += 1;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.used + json.length * 3 + 1 > BUFFER_BYTES) {
      this.flush();
      if (json.length * 3 + 1 > BUFFER_BYTES) return this.put(Buffer.from(`${json}\n`, 'utf8'));
    }
    this.used += this.buffer.write(json, this.used);
    this.buffer[this.used++] = 0x0a;
  }

  /** Lines already encoded (each ending in a newline), copied as they are. */
  writeBytes(bytes: Buffer, lines: number): void {
    this.flush();
    this.put(bytes);
    this.count += lines;
  }

  private flush(): void {
    if (this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.put(bytes);
  }

  private put(bytes: Buffer): void {
    this.hash?.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    this.bytesWritten += bytes.length;
  }

  /** Flushes, fsyncs and closes; returns what the manifest records for the file. */
  close(): FileEntry {
    if (!this.hash) throw new Error(`${this.path} is a working file, not a package file`);
    this.end(true);
    return { sha256: this.hash.digest('hex'), bytes: this.bytesWritten, records: this.count };
  }

  /** Flushes and closes without fsync: a working file this process reads back and removes. */
  closeForReading(): void {
    this.end(false);
  }

  private end(sync: boolean): void {
    if (this.closed) throw new Error(`${this.path} is already closed`);
    this.flush();
    if (sync) fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
  }

  /** Closes without recording, for an export that failed. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

export interface PackageWriterOptions {
  /** Replace the package files of an earlier export in the same folder. Refused once an import has used it. */
  replace?: boolean;
}

const OWN_FILES = new Set<string>([
  PACKAGE_FILES.organizations,
  PACKAGE_FILES.users,
  PACKAGE_FILES.roles,
  PACKAGE_FILES.rejects,
  PACKAGE_FILES.passwordHashes,
  PACKAGE_FILES.diagnostics,
  PACKAGE_FILES.manifest,
]);

/**
 * Writes a migration package: a 0700 folder of 0600 NDJSON files, then manifest.json last and
 * atomically with the sha256 of every file, so a reader never sees a manifest for half a package.
 */
export class PackageWriter {
  private readonly files = new Map<string, NdjsonFileWriter>();
  /** Working files of the export (hidden, owner-only), never listed in the manifest. */
  private readonly scratch = new Map<string, NdjsonFileWriter | undefined>();

  private constructor(readonly dir: string) {}

  static open(dir: string, options: PackageWriterOptions = {}): PackageWriter {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    ignoreMigrationFolder(dir);
    chmodSync(dir, 0o700);
    const existing = readdirSync(dir).filter((name) => !name.startsWith('.'));
    if (existing.includes(PACKAGE_FILES.journal)) {
      throw new UserInputError(`${dir} holds a package an import has already used (${PACKAGE_FILES.journal}); export into a new folder`);
    }
    if (existing.length > 0) {
      const foreign = existing.filter((name) => !OWN_FILES.has(name));
      if (!options.replace || foreign.length > 0) {
        const why = foreign.length > 0 ? `it holds other files (${foreign.slice(0, 3).join(', ')})` : 'it holds an earlier package (pass --force to replace it)';
        throw new UserInputError(`output folder ${dir} is not empty: ${why}`);
      }
      for (const name of existing) unlinkSync(join(dir, name));
    }
    return new PackageWriter(dir);
  }

  /** Opens one of the package's files for writing; each name once. */
  file(name: string): NdjsonFileWriter {
    if (this.files.has(name)) throw new Error(`${name} is already open`);
    const writer = new NdjsonFileWriter(join(this.dir, name));
    this.files.set(name, writer);
    return writer;
  }

  /** A hidden working file in the package folder, removed before the export ends. */
  scratchFile(tag: string): NdjsonFileWriter {
    // The pid in the name lets a later export tell a dead run's leftovers from a live run's files.
    const writer = new NdjsonFileWriter(join(this.dir, `.${tag}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`), false);
    this.scratch.set(writer.path, writer);
    return writer;
  }

  /** Closes a scratch file and returns its path for reading back (the caller removes it). */
  closeScratch(writer: NdjsonFileWriter): string {
    writer.closeForReading();
    return writer.path;
  }

  dropScratch(writer: NdjsonFileWriter): void {
    writer.abandon();
    if (existsSync(writer.path)) unlinkSync(writer.path);
    this.scratch.delete(writer.path);
  }

  /**
   * Closes one of the package's files and moves what it holds to a hidden file, whose path is
   * returned, so that the file can be written afresh (export rewrites users.ndjson after merges).
   */
  restart(writer: NdjsonFileWriter): string {
    const name = [...this.files].find(([, open]) => open === writer)?.[0];
    if (name === undefined) throw new Error(`${writer.path} is not a file of this package`);
    writer.closeForReading();
    this.files.delete(name);
    const moved = join(this.dir, `.${name}.previous-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    renameSync(writer.path, moved);
    this.scratch.set(moved, undefined);
    return moved;
  }

  /** Closes every file and writes the manifest; returns it. */
  async finish(manifest: Omit<Manifest, 'format' | 'files'>): Promise<Manifest> {
    const files: Record<string, FileEntry> = {};
    for (const [name, writer] of this.files) files[name] = writer.close();
    this.removeScratch();
    const complete = manifestSchema.parse({ format: PACKAGE_FORMAT, ...manifest, files });
    await writeFileAtomic(join(this.dir, PACKAGE_FILES.manifest), JSON.stringify(complete, null, 2) + '\n');
    return complete;
  }

  /** Closes what is open and removes the files of a failed export; the folder stays. */
  abandon(): void {
    for (const [name, writer] of this.files) {
      writer.abandon();
      const path = join(this.dir, name);
      if (existsSync(path)) unlinkSync(path);
    }
    this.files.clear();
    this.removeScratch();
  }

  private removeScratch(): void {
    for (const [path, writer] of this.scratch) {
      writer?.abandon();
      if (existsSync(path)) unlinkSync(path);
    }
    this.scratch.clear();
  }
}

/** Records the package export wrote last: import, verify and the checklist start from it. */
export async function writeLastPackagePointer(workspace: string, packageDir: string): Promise<void> {
  await writeFileAtomic(lastPackagePointer(workspace), JSON.stringify({ path: packageDir }, null, 2) + '\n');
}
