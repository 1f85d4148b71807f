import { describe, expect, it } from 'vitest';
import { CompactKeyMap } from '../../src/export/compact-key-map.js';

describe('CompactKeyMap', () => {
  it('finds every key it holds, through growth, and no key it does not', () => {
    const map = new CompactKeyMap(16);
    const keys = Array.from({ length: 50_000 }, (_, i) => `user${i}@example.com`);
    keys.forEach((key, i) => map.set(key, i));
    expect(map.size).toBe(keys.length);
    expect(keys.every((key, i) => map.get(key) === i)).toBe(true);
    expect(Array.from({ length: 1000 }, (_, i) => map.get(`other${i}@example.com`)).every((value) => value === undefined)).toBe(true);
    map.set(keys[7]!, -1);
    expect(map.get(keys[7]!)).toBe(-1);
    expect(map.size).toBe(keys.length);
  });
});
