// Operations and events of the metrics domain: declared here, implemented in src/core/metrics.
export const metricsOps = {};
export const metricsEvents = {};
