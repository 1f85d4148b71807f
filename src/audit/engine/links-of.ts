import type { Ecosystem } from '../categories.js';
import { summarizeLinks } from '../js/links.js';
import { extractPythonLinks } from '../text/python-links.js';
import type { FileResult } from './file-result.js';

/**
 * Imports and declarations of a source file, for the stacks whose wrappers the engine follows:
 * Python's in full (few files, cheap), JS/TS's as a summary (engine/wrappers.ts extracts the rest
 * only for files that import a wrapper).
 */
export function linksOf(ecosystem: Ecosystem, text: string): Pick<FileResult, 'links' | 'linkSummary'> | undefined {
  if (ecosystem === 'javascript') return { linkSummary: summarizeLinks(text) };
  if (ecosystem === 'python') return { links: extractPythonLinks(text) };
  return undefined;
}
