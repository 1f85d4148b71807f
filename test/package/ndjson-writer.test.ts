import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NdjsonFileWriter } from '../../src/package/write.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('NdjsonFileWriter: what it writes is exactly the lines, hashed and counted', () => {
  it('short, long and non-ASCII lines, lines already encoded, across the buffer boundary', () => {
    const path = join(tempDir(), 'users.ndjson');
    const writer = new NdjsonFileWriter(path);
    const lines: string[] = [];
    const put = (line: string) => {
      lines.push(line);
      writer.writeLine(line);
    };
    for (let i = 0; i < 3_000; i += 1) put(JSON.stringify({ i, name: `Zoë ${'x'.repeat(i % 97)} 😀`, lone: i % 500 === 0 ? '\ud800' : '' }));
    put(JSON.stringify({ long: 'é'.repeat(50_000) }));
    put(JSON.stringify({ longer: '😀'.repeat(40_000) }));
    writer.writeBytes(Buffer.from('{"copied":1}\n{"copied":2}\n'), 2);
    lines.push('{"copied":1}', '{"copied":2}');
    writer.write({ last: true });
    lines.push('{"last":true}');
    const entry = writer.close();

    const expected = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
    const written = readFileSync(path);
    expect(written.equals(expected)).toBe(true);
    expect(entry).toEqual({ sha256: createHash('sha256').update(expected).digest('hex'), bytes: expected.length, records: lines.length });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
