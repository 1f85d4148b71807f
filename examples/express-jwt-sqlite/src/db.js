import Database from 'better-sqlite3';

export function openDatabase(path) {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('foreign_keys = ON');
  return db;
}

export function findUserByEmail(db, email) {
  return db.prepare('SELECT * FROM users WHERE email = ? ORDER BY id LIMIT 1').get(email.trim().toLowerCase());
}

/** The user's membership in one organization (or the first one), with the role's name. */
export function findMembership(db, userId, organizationId) {
  const sql =
    'SELECT m.organization_id, r.name AS role FROM memberships m JOIN roles r ON r.id = m.role_id ' +
    'WHERE m.user_id = ? AND (? IS NULL OR m.organization_id = ?) ORDER BY m.organization_id LIMIT 1';
  return db.prepare(sql).get(userId, organizationId ?? null, organizationId ?? null);
}

export function countMembers(db, organizationId) {
  return db.prepare('SELECT count(*) AS members FROM memberships WHERE organization_id = ?').get(organizationId).members;
}
