// A STUB, named as such in the bench's table: preloaded (NODE_OPTIONS=-r) into a real app whose Prisma database has
// no offline driver (MongoDB), it replaces the app's PrismaClient with an in-process store kept in the JSON file
// BENCH_PRISMA_STORE (shared by every process of the app). Rows match `where` by equal fields; ids are 24 hex
// characters like MongoDB's. Only what the apps' routes call is here; anything else throws, so a gap is seen.
const { createRequire } = require('node:module');
const { randomBytes } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = process.env.BENCH_PRISMA_STORE;
const load = () => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
};
const save = (data) => writeFileSync(file, JSON.stringify(data));
const matches = (row, where = {}) => Object.entries(where).every(([field, value]) => row[field] === value);

function model(name) {
  const rows = () => load()[name] ?? [];
  const write = (list) => save({ ...load(), [name]: list });
  return {
    async findUnique({ where }) {
      return rows().find((row) => matches(row, where)) ?? null;
    },
    async findFirst({ where } = {}) {
      return rows().find((row) => matches(row, where)) ?? null;
    },
    async findMany({ where } = {}) {
      return rows().filter((row) => matches(row, where));
    },
    async count({ where } = {}) {
      return rows().filter((row) => matches(row, where)).length;
    },
    async create({ data }) {
      const now = new Date().toISOString();
      const row = { id: randomBytes(12).toString('hex'), createdAt: now, updatedAt: now, ...data };
      write([...rows(), row]);
      return row;
    },
    async update({ where, data }) {
      const list = rows();
      const row = list.find((candidate) => matches(candidate, where));
      if (!row) throw new Error(`${name}.update: no row matches ${JSON.stringify(where)}`);
      Object.assign(row, data, { updatedAt: new Date().toISOString() });
      write(list);
      return row;
    },
  };
}

class PrismaClient {
  constructor() {
    return new Proxy(this, {
      get(target, property) {
        if (property in target || typeof property !== 'string' || property.startsWith('$') || property === 'then') return target[property];
        return model(property);
      },
    });
  }
  async $connect() {}
  async $disconnect() {}
}

const client = createRequire(join(process.cwd(), 'package.json'))('@prisma/client');
client.PrismaClient = PrismaClient;
