import { relative, sep } from 'node:path';
import type { SourceFile } from 'ts-morph';
import { AUTH_MODULE_SPECIFIER } from './edit/call-sites.js';

/**
 * Files that authenticate through the generated module: they import it, or import (one level away)
 * a file that does, like a middleware calling a token helper that now verifies Scalekit tokens. A
 * header read in such a file feeds the Scalekit path, so it is no longer a legacy check of its own.
 */
export function scalekitAwareFiles(root: string, files: readonly SourceFile[]): Set<string> {
  const direct = new Set(files.filter((file) => importsMatching(file, (specifier) => AUTH_MODULE_SPECIFIER.test(specifier))));
  const aware = new Set(direct);
  for (const file of files) {
    if (aware.has(file)) continue;
    const imported = file.getImportDeclarations().map((declaration) => declaration.getModuleSpecifierSourceFile());
    if (imported.some((target) => target && direct.has(target))) aware.add(file);
  }
  return new Set([...aware].map((file) => relative(root, file.getFilePath()).split(sep).join('/')));
}

function importsMatching(file: SourceFile, test: (specifier: string) => boolean): boolean {
  if (file.getImportDeclarations().some((declaration) => !declaration.isTypeOnly() && test(declaration.getModuleSpecifierValue()))) return true;
  return /require\(\s*['"][^'"]*scalekit(?:\.[cm]?[jt]s)?['"]\s*\)/.test(file.getFullText());
}
