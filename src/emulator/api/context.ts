import type { Counters } from '../counters.js';
import type { Store } from '../store/store.js';

/** What every API method works with. */
export interface ApiContext {
  store: Store;
  counters: Counters;
  now(): number;
}
