// Preloaded (node -r) into a real app whose port is written in its code: its server listens on BENCH_PORT instead,
// so bench runs do not collide on a fixed port. The app's code is not changed.
const http = require('node:http');
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  if (process.env.BENCH_PORT && (typeof args[0] === 'number' || typeof args[0] === 'string')) args[0] = Number(process.env.BENCH_PORT);
  return listen.apply(this, args);
};
