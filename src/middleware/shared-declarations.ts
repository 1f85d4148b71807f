import { ts, type Project } from 'ts-morph';

/**
 * Parsed declaration files (the TypeScript lib files, node_modules typings) shared by the codemod's projects in one
 * process, as TypeScript's own language service shares them between projects: a second codemod run (the dry run, then
 * --apply; an MCP server's later calls) does not parse and bind @types/node and the lib files again (about 1.5 s of a
 * 2 s run). A file is reused only with the same text, path, script kind and the compiler settings TypeScript's document
 * registry keys its own sharing by; the app's own files are never shared (the codemod edits them).
 */
const DECLARATION_FILE = /[\\/]node_modules[\\/].*\.d\.[cm]?ts$/;
/** A few apps' typings (@types/node and the lib files are about 4 MB of text, a Next.js app's about 8 MB); the oldest go first. */
const MAX_SHARED_CHARACTERS = 24 * 1024 * 1024;

const shared = new Map<string, ts.SourceFile>();
let sharedCharacters = 0;
const settingsKeys = ts.createDocumentRegistry();

interface Registry {
  createOrUpdateSourceFile(fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, scriptKind: ts.ScriptKind | undefined): ts.SourceFile;
}

/** Makes `project` take its declaration files from the process's shared ones, and share those it parses. */
export function shareDeclarationFiles(project: Project): void {
  const registry = (project as unknown as { _context?: { compilerFactory?: { documentRegistry?: Registry } } })._context?.compilerFactory?.documentRegistry;
  // Another ts-morph version lays out its internals differently: then every file is parsed as before.
  if (!registry || typeof registry.createOrUpdateSourceFile !== 'function') return;
  const parse = registry.createOrUpdateSourceFile.bind(registry);
  registry.createOrUpdateSourceFile = (fileName, settings, snapshot, scriptKind) => {
    if (!DECLARATION_FILE.test(fileName)) return parse(fileName, settings, snapshot, scriptKind);
    const key = `${settingsKeys.getKeyForCompilationSettings(settings)}|${scriptKind ?? ''}|${fileName}`;
    const text = snapshot.getText(0, snapshot.getLength());
    const known = shared.get(key);
    if (known && known.text === text) return known;
    const file = parse(fileName, settings, snapshot, scriptKind);
    remember(key, file, known);
    return file;
  };
}

function remember(key: string, file: ts.SourceFile, replaced: ts.SourceFile | undefined): void {
  if (replaced) {
    shared.delete(key);
    sharedCharacters -= replaced.text.length;
  }
  shared.set(key, file);
  sharedCharacters += file.text.length;
  for (const [oldestKey, oldest] of shared) {
    if (sharedCharacters <= MAX_SHARED_CHARACTERS) break;
    shared.delete(oldestKey);
    sharedCharacters -= oldest.text.length;
  }
}
