import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportUsers } from '../../src/export/run-export.js';
import { tempDir } from '../helpers/temp-dir.js';
import { databaseCases } from './database-cases.js';

describe('export from SQLite (real files through better-sqlite3)', () => {
  databaseCases({
    source: 'sqlite',
    async create(workspace, name, script) {
      const db = new Database(join(workspace, `${name}.db`));
      db.exec(script);
      db.close();
      return `${name}.db`;
    },
  });

  it('refuses a file that is not SQLite, and a database outside the workspace', async () => {
    const ws = tempDir();
    writeFileSync(join(ws, 'users.db'), 'id,email\n1,a@example.com\n');
    await expect(exportUsers({ source: 'sqlite', url: 'users.db' }, { workspace: ws })).rejects.toThrow(/users\.db is not a SQLite database/);
    await expect(exportUsers({ source: 'sqlite', url: '/etc/hostname' }, { workspace: ws })).rejects.toThrow(/outside the workspace/);
    await expect(exportUsers({ source: 'sqlite' }, { workspace: ws })).rejects.toThrow(/needs --url/);
  });
});
