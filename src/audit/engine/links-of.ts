import type { Ecosystem } from '../categories.js';
import { extractLinks, type FileLinks } from '../js/links.js';
import { extractPythonLinks } from '../text/python-links.js';

/** Imports and declarations of a source file, for the stacks whose wrappers the engine follows. */
export function linksOf(ecosystem: Ecosystem, text: string): FileLinks | undefined {
  if (ecosystem === 'javascript') return extractLinks(text);
  if (ecosystem === 'python') return extractPythonLinks(text);
  return undefined;
}
