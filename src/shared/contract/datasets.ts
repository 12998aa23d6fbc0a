// Operations and events of the datasets domain: declared here, implemented in src/core/datasets.
export const datasetsOps = {};
export const datasetsEvents = {};
