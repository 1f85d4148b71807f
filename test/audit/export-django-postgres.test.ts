import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { exportUsers } from '../../src/export/run-export.js';
import { readPackage } from '../helpers/package.js';
import { createDatabase, startTestPostgres, type TestPostgres } from '../helpers/postgres-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeTree } from '../helpers/tree.js';

/** A Django project on Django's own auth_user, with its organizations in an app of its own (`clubs`). */
const DJANGO_APP = {
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")\n',
  'site_config/settings.py': `SECRET_KEY = "dev-only"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "clubs",
]
`,
  'clubs/models.py': `from django.conf import settings
from django.db import models


class Workspace(models.Model):
    title = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)


class WorkspaceSeat(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="seats")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, default="member")
`,
};

/** The tables Django's migrations create for that project (auth_user as Django 5 defines it), with rows. */
const DJANGO_SCHEMA = `
CREATE TABLE auth_user (id SERIAL PRIMARY KEY, password VARCHAR(128) NOT NULL, last_login TIMESTAMPTZ, is_superuser BOOLEAN NOT NULL,
  username VARCHAR(150) NOT NULL UNIQUE, first_name VARCHAR(150) NOT NULL, last_name VARCHAR(150) NOT NULL, email VARCHAR(254) NOT NULL,
  is_staff BOOLEAN NOT NULL, is_active BOOLEAN NOT NULL, date_joined TIMESTAMPTZ NOT NULL);
CREATE TABLE clubs_workspace (id BIGSERIAL PRIMARY KEY, title VARCHAR(120) NOT NULL, slug VARCHAR(50) NOT NULL UNIQUE);
CREATE TABLE clubs_workspaceseat (id BIGSERIAL PRIMARY KEY, role VARCHAR(20) NOT NULL,
  holder_id INTEGER NOT NULL REFERENCES auth_user(id), workspace_id BIGINT NOT NULL REFERENCES clubs_workspace(id));
INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) VALUES
  (1, 'pbkdf2_sha256$600000$c2FsdA$aGFzaA==', TRUE, 'ada', 'Ada', 'Lovelace', 'ada@engines.test', TRUE, TRUE, '2021-03-04'),
  (2, 'pbkdf2_sha256$600000$c2FsdA$aGFzaA==', FALSE, 'charles', 'Charles', 'Babbage', 'charles@engines.test', FALSE, TRUE, '2022-05-06');
INSERT INTO clubs_workspace VALUES (10, 'Analytical Engines', 'engines');
INSERT INTO clubs_workspaceseat (role, holder_id, workspace_id) VALUES ('owner', 1, 10), ('member', 2, 10);
`;

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describe("export from PostgreSQL with a Django project's audit (auth_user and the app's own organization tables, no mapping file)", () => {
  it('maps auth_user, clubs_workspace and clubs_workspaceseat from the audit dataModel and exports the memberships', async () => {
    const url = await createDatabase(server, 'django_clubs', DJANGO_SCHEMA);

    const unaided = await exportUsers({ source: 'postgres', url, out: 'without-audit' }, { workspace: tempDir() });
    expect(unaided.mapping).toMatchObject({ mapping: { users: { table: 'auth_user' } } });
    expect(unaided.mapping).not.toHaveProperty('mapping.organizations');

    const app = tempDir();
    writeTree(app, DJANGO_APP);
    const report = await runAudit({ root: app, workers: 0 });
    expect(report.dataModel.entities.map((entity) => `${entity.kind}:${entity.table}:${entity.source}`)).toEqual(
      expect.arrayContaining(['user:auth_user:django', 'organization:clubs_workspace:django', 'membership:clubs_workspaceseat:django']),
    );
    const workspace = tempDir();
    await writeAuditReports(workspace, report);

    const result = await exportUsers({ source: 'postgres', url, out: 'with-audit' }, { workspace });
    expect(result.mapping).toHaveProperty(['notes', 0], expect.stringMatching(/^tables chosen with the audit's dataModel/));
    expect(result.mapping).toMatchObject({
      mapping: {
        users: { table: 'auth_user', columns: { external_id: 'id', email: 'email', first_name: 'first_name', last_name: 'last_name' } },
        organizations: { table: 'clubs_workspace', columns: { external_id: 'id', display_name: 'title' } },
        memberships: { table: 'clubs_workspaceseat', columns: { user_id: 'holder_id', org_external_id: 'workspace_id', role: 'role' } },
      },
    });
    const pkg = await readPackage(result.packageDir!);
    expect(pkg.organizations).toEqual([{ external_id: '10', display_name: 'Analytical Engines' }]);
    expect(pkg.users.map((user) => [user.external_id, user.email, user.first_name, user.memberships])).toEqual([
      ['1', 'ada@engines.test', 'Ada', [{ org_external_id: '10', roles: ['owner'] }]],
      ['2', 'charles@engines.test', 'Charles', [{ org_external_id: '10', roles: ['member'] }]],
    ]);
    expect(JSON.stringify(pkg.users)).not.toContain('pbkdf2_sha256');
  });
});
