// Operations and events of the pipelines domain: declared here, implemented in src/core/pipelines.
export const pipelinesOps = {};
export const pipelinesEvents = {};
