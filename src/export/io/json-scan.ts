/** Where a scan of JSON text stands when the text at hand ends: brackets open, inside a string, right after a backslash there. */
export interface JsonScanState {
  depth: number;
  inString: boolean;
  escape: boolean;
}

/**
 * Scans JSON text from `from`, with `state.depth` brackets open, for the bracket that closes the last of them:
 * the index past it, or -1 when the text ends first (then `state` says where the scan stands, to go on in the next
 * text). Only strings and brackets are looked at, strings by jumping from quote to quote: the text is not checked.
 */
export function scanToClose(text: string, from: number, state: JsonScanState): number {
  let at = from;
  const length = text.length;
  if (state.inString) {
    let content = at;
    if (state.escape) {
      if (at >= length) return -1;
      content = at + 1;
      state.escape = false;
    }
    const close = closingQuote(text, content);
    if (close === -1) {
      state.escape = endsInEscape(text, content);
      return -1;
    }
    state.inString = false;
    at = close + 1;
  }
  let depth = state.depth;
  for (; at < length; at += 1) {
    const c = text.charCodeAt(at);
    if (c === 0x22) {
      const close = closingQuote(text, at + 1);
      if (close === -1) {
        state.depth = depth;
        state.inString = true;
        state.escape = endsInEscape(text, at + 1);
        return -1;
      }
      at = close;
    } else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth === 0) {
        state.depth = 0;
        return at + 1;
      }
    }
  }
  state.depth = depth;
  return -1;
}

/**
 * The quote closing a string whose text starts at `from` (a quote not escaped by an odd run of backslashes
 * after `from`), or -1.
 */
export function closingQuote(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let slashes = 0;
    for (let at = quote - 1; at >= from && text.charCodeAt(at) === 0x5c; at -= 1) slashes += 1;
    if (slashes % 2 === 0) return quote;
  }
  return -1;
}

/** True when string text from `from` to the end ends in an odd run of backslashes: the next text's first character is escaped. */
function endsInEscape(text: string, from: number): boolean {
  let slashes = 0;
  for (let at = text.length - 1; at >= from && text.charCodeAt(at) === 0x5c; at -= 1) slashes += 1;
  return slashes % 2 === 1;
}
