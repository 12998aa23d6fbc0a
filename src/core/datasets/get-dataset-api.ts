import { KilnError } from '../../shared/contract/index.js';
import type { DatasetApiFactory } from './dataset-api.js';

const notReady = (): never => {
  throw new KilnError('INTERNAL', 'datasets: not ready yet');
};

export const getDatasetApi: DatasetApiFactory = () => ({
  resolve: notReady,
  materialize: notReady,
  addFolder: notReady,
  storeTree: notReady,
  hasTree: notReady,
});
