import type { Migration } from './index.js';

// Filled in by the metrics work; an empty step keeps version numbers stable meanwhile.
export const m004Metrics: Migration = {
  version: 4,
  name: 'metrics',
  up() {},
};
