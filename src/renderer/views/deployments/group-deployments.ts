import type { Deployment } from '../../../shared/contract/index.js';

export interface Group {
  key: string;
  /** the live deployment, else the newest */
  current: Deployment;
  count: number;
}

/** One group per model and target, newest first; the current deployment stands for it. */
export function groupDeployments(list: readonly Deployment[]): Group[] {
  const groups = new Map<string, Deployment[]>();
  for (const d of list) {
    const k = `${d.model}\u0000${d.target}`;
    const g = groups.get(k);
    if (g) g.push(d);
    else groups.set(k, [d]);
  }
  return [...groups].map(([key, ds]) => {
    const sorted = [...ds].sort((a, b) => b.seq - a.seq);
    return { key, current: sorted.find((d) => d.status === 'live') ?? sorted[0]!, count: ds.length };
  });
}
