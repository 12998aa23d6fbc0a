/** A valid dataset name from a folder or file name: letters, digits, ".", "_", "-", starting with a letter or digit. */
export function suggestDatasetName(label: string): string {
  const base = label.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const s = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100).replace(/[-.]+$/, '');
  return s || 'dataset';
}

export const DATASET_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
