import { afterEach } from 'vitest';
import { runAfterEachTest } from './after-each-test.js';

// A setup file runs before each test file, so this hook holds for every file whether or not modules are shared.
afterEach(runAfterEachTest);
