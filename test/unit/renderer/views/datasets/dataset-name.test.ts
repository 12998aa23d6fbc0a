import { describe, expect, it } from 'vitest';
import { datasetNameProblem, suggestDatasetName } from '../../../../../src/renderer/views/datasets/dataset-name.js';

describe('dataset names from folder names', () => {
  it('spells accented and Cyrillic folder names readably instead of dropping them', () => {
    expect(suggestDatasetName('Données 2024')).toBe('Donnees-2024');
    expect(suggestDatasetName('Größe_Straße.csv')).toBe('Grosse_Strasse');
    expect(suggestDatasetName('Данные')).toBe('Dannye');
    expect(suggestDatasetName('数据')).toBe('dataset');
    expect(suggestDatasetName('x'.repeat(150))).toHaveLength(100);
  });

  it('says what is wrong: too long, bad characters, empty', () => {
    expect(datasetNameProblem('a'.repeat(101))).toBe('The name is 101 characters long: at most 100.');
    expect(datasetNameProblem('Données')).toMatch(/Letters, digits/);
    expect(datasetNameProblem('')).toMatch(/Give the dataset a name/);
    expect(datasetNameProblem('mnist-v2')).toBeNull();
  });
});
