// Builds data/app.db (or DATABASE_PATH): the same few hundred users, organizations and roles on
// every run, plus a handful of rows that years of legacy imports left dirty.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/auth/passwords.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const path = process.env.DATABASE_PATH ?? join(root, 'data', 'app.db');
/** Every seeded user signs in with this password (a demo: the hashes differ, each has its own salt). */
const PASSWORD = process.env.SEED_PASSWORD ?? 'legacy-demo-password';
const USERS = Number(process.env.SEED_USERS ?? 300);

let state = 20240601;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const ORGANIZATIONS = [
  ['acme', 'Acme Corporation', 'enterprise'], ['globex', 'Globex', 'enterprise'], ['initech', 'Initech', 'business'],
  ['umbrella', 'Umbrella Health', 'business'], ['hooli', 'Hooli', 'enterprise'], ['stark', 'Stark Industries', 'business'],
  ['wayne', 'Wayne Enterprises', 'free'], ['wonka', 'Wonka Confections', 'free'], ['tyrell', 'Tyrell Labs', 'business'],
  ['soylent', 'Soylent Foods', 'free'], ['cyberdyne', 'Cyberdyne Systems', 'business'], ['aperture', 'Aperture Science', 'free'],
];
// Names as the legacy app spelled them; Scalekit role names allow only letters, digits and underscores.
const ROLES = [
  [1, 'admin', 'Manages the organization and its members'],
  [2, 'member', 'Uses the product'],
  [3, 'Billing Admin', 'Sees invoices and changes the plan'],
  [4, 'read-only', 'Sees everything, changes nothing'],
  [5, 'Support_Lead', 'Answers tickets for the organization'],
];
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Linus',
  'Katherine', 'John', 'Hedy', 'Tim', 'Sophie', 'Niklaus', 'Shafi', 'Leslie'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie', 'Perlman',
  'Torvalds', 'Johnson', 'McCarthy', 'Lamarr', 'Berners-Lee', 'Wilson', 'Wirth', 'Goldwasser', 'Lamport'];

function roleFor(index) {
  const roll = random();
  if (index === 0) return 1;
  return roll < 0.06 ? 1 : roll < 0.16 ? 3 : roll < 0.24 ? 4 : roll < 0.28 ? 5 : 2;
}

rmSync(path, { force: true });
mkdirSync(dirname(path), { recursive: true });
const db = new Database(path);
db.exec(readFileSync(join(root, 'db', 'schema.sql'), 'utf8'));
const insertOrg = db.prepare('INSERT INTO organizations (id, name, plan, created_at) VALUES (?, ?, ?, ?)');
const insertRole = db.prepare('INSERT INTO roles (id, name, description) VALUES (?, ?, ?)');
const insertUser = db.prepare(
  'INSERT INTO users (id, email, first_name, last_name, password_hash, email_verified, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const insertMembership = db.prepare('INSERT INTO memberships (user_id, organization_id, role_id) VALUES (?, ?, ?)');
const day = (n) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString();

let memberships = 0;
db.transaction(() => {
  ORGANIZATIONS.forEach(([id, name, plan], i) => insertOrg.run(id, name, plan, day(i)));
  for (const role of ROLES) insertRole.run(...role);
  const seenInOrg = new Map();
  for (let i = 1; i <= USERS; i += 1) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [orgId] = ORGANIZATIONS[(i - 1) % ORGANIZATIONS.length];
    const email = `${first}.${last}.${i}@${orgId}.example`.toLowerCase();
    insertUser.run(i, email, first, last, hashPassword(PASSWORD, `seed-${i}`), 1, day(30 + i));
    const index = seenInOrg.get(orgId) ?? 0;
    seenInOrg.set(orgId, index + 1);
    insertMembership.run(i, orgId, roleFor(index));
    memberships += 1;
    if (i % 9 === 0) {
      insertMembership.run(i, ORGANIZATIONS[(i + 4) % ORGANIZATIONS.length][0], random() < 0.5 ? 4 : 2);
      memberships += 1;
    }
  }
  // What export must reject, each with its reason, or clean up on its way.
  const dirty = [
    [9001, 'not-an-email', 'Bad', 'Address', 'acme'],
    [9002, 'pat.doe@globex.example', 'Pat', 'Doe', 'globex'],
    [9003, 'pat.doe@globex.example', 'Patricia', 'Doe', 'initech'],
    [9004, 'jörg.müller@umlaut.example', 'Jörg', 'Müller', 'hooli'],
    [9005, 'no.membership@wayne.example', 'Nora', 'Nobody', null],
    [9006, 'long.name@stark.example', 'X'.repeat(240), 'Long', 'stark'],
    [9007, '  Mixed.Case@Tyrell.EXAMPLE ', 'Rachael', 'Tyrell', 'tyrell'],
  ];
  for (const [id, email, first, last, orgId] of dirty) {
    insertUser.run(id, email, first, last, hashPassword(PASSWORD, `seed-${id}`), 1, day(400));
    if (orgId) {
      insertMembership.run(id, orgId, 2);
      memberships += 1;
    }
  }
})();
db.close();

// One user per role to try the login with (the first whose only membership has that role).
const reader = new Database(path, { readonly: true });
const sample = reader.prepare(
  'SELECT u.id, u.email, m.organization_id AS organization FROM users u JOIN memberships m ON m.user_id = u.id JOIN roles r ON r.id = m.role_id ' +
    'WHERE r.name = ? AND u.id < 9000 AND (SELECT count(*) FROM memberships o WHERE o.user_id = u.id) = 1 ORDER BY u.id LIMIT 1',
);
const sampleUsers = Object.fromEntries(ROLES.map(([, name]) => [name, sample.get(name)]));
reader.close();
const summary = { database: path, users: USERS + 7, dirtyUsers: 7, organizations: ORGANIZATIONS.length, roles: ROLES.length, memberships, sampleUsers };
console.log(process.argv.includes('--json') ? JSON.stringify(summary) : `seeded ${path}: ${summary.users} users (${summary.dirtyUsers} dirty), ${summary.organizations} organizations, ${summary.roles} roles, ${memberships} memberships`);
