import { KilnError, type PipelineView } from '../../shared/contract/index.js';
import { didYouMean } from './spec/did-you-mean.js';

/** The named stages and everything upstream of them, in pipeline order; all stages when none named. */
export function selectStages(p: PipelineView, names: string[] | undefined): string[] {
  if (!names?.length) return p.order;
  const known = p.stages.map((s) => s.name);
  for (const n of names) {
    if (!known.includes(n)) {
      const hint = didYouMean(n, known);
      throw new KilnError('INVALID_INPUT', `no stage "${n}" in kiln.yaml${hint ? ` — did you mean "${hint}"?` : ''} (stages: ${known.join(', ')})`);
    }
  }
  const want = new Set(names);
  for (let grew = true; grew;) {
    grew = false;
    for (const e of p.edges) {
      if (want.has(e.to) && !want.has(e.from)) {
        want.add(e.from);
        grew = true;
      }
    }
  }
  return p.order.filter((n) => want.has(n));
}
