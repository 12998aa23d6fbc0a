/** Whose files a tree and its previews show: a dataset version, or a model version (its artifact's files). */
export type FileSource = { kind: 'dataset'; dataset: string; version: number | string } | { kind: 'model'; ref: string };
