-- Tenants, their people and what each person may do in each tenant.
CREATE TABLE organizations (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  plan       TEXT NOT NULL DEFAULT 'free',
  created_at TEXT NOT NULL
);

CREATE TABLE roles (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT
);

-- Emails were never made unique here: years of imports left a few duplicates behind.
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  email          TEXT NOT NULL,
  first_name     TEXT,
  last_name      TEXT,
  password_hash  TEXT,
  email_verified INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);

CREATE TABLE memberships (
  user_id         INTEGER NOT NULL REFERENCES users(id),
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  role_id         INTEGER NOT NULL REFERENCES roles(id),
  PRIMARY KEY (user_id, organization_id)
);

CREATE INDEX users_email ON users(email);
