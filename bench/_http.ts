import { HARNESS } from './real-apps/middleware-harness.js';
const [name, dir] = process.argv.slice(2);
console.log(await HARNESS[name!]!.http!(dir!));
