import type { Migration } from './index.js';

// Filled in by the datasets work; an empty step keeps version numbers stable meanwhile.
export const m002Datasets: Migration = {
  version: 2,
  name: 'datasets',
  up() {},
};
