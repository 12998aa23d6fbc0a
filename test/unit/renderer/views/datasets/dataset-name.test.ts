import { describe, expect, it } from 'vitest';
import { DATASET_NAME_RE, suggestDatasetName } from '../../../../../src/renderer/views/datasets/dataset-name.js';
import { datasetName } from '../../../../../src/shared/contract/datasets.js';

describe('suggestDatasetName', () => {
  it.each([
    ['data', 'data'],
    ['my data (2024)', 'my-data-2024'],
    ['.hidden', 'hidden'],
    ['airports.csv', 'airports'],
    ['données', 'donn-es'],
    ['---', 'dataset'],
    ['x'.repeat(150), 'x'.repeat(100)],
  ])('%s → %s, which the contract accepts', (label, want) => {
    const got = suggestDatasetName(label);
    expect(got).toBe(want);
    expect(DATASET_NAME_RE.test(got)).toBe(true);
    expect(datasetName.safeParse(got).success).toBe(true);
  });
});
