import { IndentationText, QuoteKind, type Node, type SourceFile } from 'ts-morph';
import { restyle } from './restyle.js';

/**
 * Replaces a node's text keeping the code's own formatting: ts-morph re-indents every line after the
 * first by the node's indentation, so that indentation is taken off first (with the project's
 * indentation unit matched to the file by `matchFileStyle`).
 */
export function replaceNode(node: Node, text: string): Node {
  const indent = node.getIndentationText();
  // Literals the codemod writes ('auth', 'user') take the file's quotes (set by matchFileStyle).
  if (node.getProject().manipulationSettings.getQuoteKind() === QuoteKind.Double) text = restyle(text, { quote: 'double', semicolons: true });
  const adjusted = text
    .split('\n')
    .map((line, index) => (index > 0 && indent && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
  return node.replaceWithText(adjusted);
}

/** Sets the project's manipulation settings to the file's indentation unit and quote style, so inserted code looks like its neighbours. */
export function matchFileStyle(file: SourceFile): void {
  const text = file.getFullText();
  const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((match) => match[1]!);
  const indentationText = indents.some((indent) => indent.startsWith('\t'))
    ? IndentationText.Tab
    : Math.min(...indents.map((indent) => indent.length).filter((length) => length > 0), 8) === 4
      ? IndentationText.FourSpaces
      : IndentationText.TwoSpaces;
  const singles = (text.match(/from '|require\('/g) ?? []).length;
  const doubles = (text.match(/from "|require\("/g) ?? []).length;
  file.getProject().manipulationSettings.set({ indentationText, quoteKind: doubles > singles ? QuoteKind.Double : QuoteKind.Single });
}
