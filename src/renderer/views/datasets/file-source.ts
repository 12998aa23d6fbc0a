/** Whose files a tree and its previews show: a dataset version, a model version (its artifact's files), or a run's outputs. */
export type FileSource = { kind: 'dataset'; dataset: string; version: number | string } | { kind: 'model'; ref: string } | { kind: 'run'; runId: string };
