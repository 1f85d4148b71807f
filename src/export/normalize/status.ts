import type { UserStatus } from '../../package/records.js';

/** Status words sources use, read as the package's statuses. */
const STATUS_WORDS = new Map<string, UserStatus>([
  ['active', 'active'],
  ['enabled', 'active'],
  ['confirmed', 'active'],
  ['inactive', 'inactive'],
  ['disabled', 'inactive'],
  ['deactivated', 'inactive'],
  ['suspended', 'blocked'],
  ['blocked', 'blocked'],
  ['banned', 'blocked'],
  ['locked', 'blocked'],
  ['deleted', 'deleted'],
  ['archived', 'deleted'],
  ['discarded', 'deleted'],
  ['unconfirmed', 'unconfirmed'],
  ['invited', 'unconfirmed'],
  ['pending', 'unconfirmed'],
]);

/**
 * The package status a source's status word stands for, in any case and with space around it; undefined for
 * any other value (a Map, so a word such as "constructor" is not read as a property of a plain object).
 */
export function statusWord(value: unknown): UserStatus | undefined {
  if (typeof value !== 'string') return undefined;
  return STATUS_WORDS.get(value) ?? STATUS_WORDS.get(value.trim().toLowerCase());
}
