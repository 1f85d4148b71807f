import { invalidArgument } from './errors.js';
import type { OrderedIndex } from '../store/ordered-index.js';

export const DEFAULT_PAGE_SIZE = 10;

/**
 * A page of an ordered index. Page tokens are opaque to clients (base64url of the sequence to
 * resume after); a token that does not decode is INVALID_ARGUMENT, as the API answers.
 */
export function pageOf(index: OrderedIndex, pageToken: string, pageSize: number): { ids: string[]; nextPageToken: string } {
  const after = pageToken ? decodeToken(pageToken) : 0;
  const { ids, next } = index.page(after, pageSize || DEFAULT_PAGE_SIZE);
  return { ids, nextPageToken: next ? encodeToken(next) : '' };
}

/** The documented page-size range (0 = default); outside it the call is INVALID_ARGUMENT. */
export function checkPageSize(pageSize: number, min: number, max: number): void {
  if (pageSize !== 0 && (pageSize < min || pageSize > max)) {
    throw invalidArgument('page_size', `must be between ${min} and ${max} (got ${pageSize})`, 'int.range');
  }
}

function encodeToken(seq: number): string {
  return Buffer.from(`p:${seq}`).toString('base64url');
}

function decodeToken(token: string): number {
  const match = /^p:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidArgument('page_token', `"${token}" is not a page token this API issued`, 'page_token');
  return Number(match[1]);
}
