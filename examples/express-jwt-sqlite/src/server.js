import { createApp } from './app.js';
import { openDatabase } from './db.js';

const db = openDatabase(process.env.DATABASE_PATH ?? 'data/app.db');
const server = createApp(db).listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
