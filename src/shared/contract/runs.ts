// Operations and events of the runs domain: declared here, implemented in src/core/runs.
export const runsOps = {};
export const runsEvents = {};
