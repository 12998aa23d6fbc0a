import { KilnError, type AliasEvent, type EvalReport, type ModelVersion } from '../../shared/contract/index.js';
import { defaultAuthor } from '../datasets/dataset-service.js';
import type { ModelService } from './model-service.js';
import { readModelConfigs, type DeclaredModel } from './model-config.js';
import { evaluateVersion, factsReport, type EvalOpts } from './eval/evaluate.js';
import { gateMetrics, runGates, type AliasLookup } from './gates.js';

/** The declaration of a model in kiln.yaml (GATE_INVALID with file:line:column when it does not parse). */
export function configOf(svc: ModelService, name: string): DeclaredModel | undefined {
  return readModelConfigs(svc.ws.root).get(name);
}

function holdersLookup(svc: ModelService, name: string): AliasLookup {
  return (alias) => {
    const version = svc.repo.holder(name, alias);
    if (version === null) return null;
    const h = svc.repo.get(name, version);
    return { version, metrics: gateMetrics(h, h.gateReport?.metrics ?? null) };
  };
}

function withGates(svc: ModelService, v: ModelVersion, cfg: DeclaredModel | undefined, report: EvalReport): EvalReport {
  const gates = runGates(cfg, { ...gateMetrics(v, null), ...report.metrics }, holdersLookup(svc, v.name));
  return { ...report, gates, passed: gates.every((g) => g.pass) };
}

/** Evaluates a version on its holdout, runs its gates against the current alias holders, stores the report. */
export async function validateVersion(svc: ModelService, ref: string, opts: EvalOpts = {}): Promise<EvalReport> {
  const v = svc.get(ref);
  const cfg = configOf(svc, v.name);
  const report = withGates(svc, v, cfg, await evaluateVersion(svc, v, cfg, opts));
  svc.repo.setReport(v.name, v.version, report);
  return report;
}

/** The stored report when it was made on the holdout declared now; else a fresh evaluation. */
async function currentReport(svc: ModelService, v: ModelVersion, cfg: DeclaredModel | undefined, opts: EvalOpts): Promise<EvalReport> {
  if (!cfg?.holdout) return factsReport(v);
  const r = v.gateReport;
  if (r?.holdout && r.task !== null) {
    const m = /^data:([^@]+)@([^/]+)(?:\/(.+))?$/.exec(cfg.holdout);
    const resolved = m ? svc.data.repo.resolve(m[1]!, m[2]!) : null;
    if (resolved && r.holdout.dataset === resolved.dataset && r.holdout.version === resolved.version && (m![3] === undefined || m![3] === r.holdout.path))
      return r;
  }
  const fresh = await evaluateVersion(svc, v, cfg, opts);
  svc.repo.setReport(v.name, v.version, fresh);
  return fresh;
}

/**
 * Moves an alias to a version once every gate passes. Evaluation (slow) happens first; the gates
 * are then run and the move appended inside one IMMEDIATE transaction, so two promotions of the
 * same alias (from any process) are serialized and each compares against the holder it replaces.
 */
export async function promote(
  svc: ModelService,
  input: { ref: string; alias: string; reason: string; model?: string },
  opts: EvalOpts = {},
): Promise<AliasEvent> {
  const { name, version } = svc.resolve(input.ref);
  if (input.model !== undefined && input.model !== name) {
    throw new KilnError(
      'CONFLICT',
      `${name}@${version} is a version of ${name}, not of ${input.model}: an alias of ${input.model} can only name one of its own versions; nothing was moved`,
      { model: input.model, ref: input.ref },
    );
  }
  const cfg = configOf(svc, name);
  const v = svc.repo.get(name, version);
  const report = await currentReport(svc, v, cfg, opts);
  if (opts.signal?.aborted) throw new KilnError('CANCELLED', 'the promotion was cancelled; nothing was moved');
  const out = svc.ws.db.transaction((): { moved: AliasEvent } | { refused: EvalReport } => {
    const from = svc.repo.holder(name, input.alias);
    if (from === version) throw new KilnError('CONFLICT', `${name}@${version} already holds ${input.alias}; nothing was moved`);
    const gated = withGates(svc, v, cfg, report);
    // the gated report becomes the version's own, so its row shows the gates' outcome, not just "evaluated"
    svc.repo.setReport(name, version, gated);
    if (gated.gates.some((g) => !g.pass)) return { refused: gated };
    return {
      moved: svc.repo.appendMove(name, { alias: input.alias, kind: 'promote', from, to: version, actor: defaultAuthor(), reason: input.reason, report: gated }),
    };
  });
  if ('moved' in out) return out.moved;
  const failing = out.refused.gates.filter((g) => !g.pass);
  const list = failing.map((g) => `"${g.gate}" (${g.message}; ${cfg?.file ?? 'kiln.yaml'}:${g.line}:${g.column})`).join('; ');
  throw new KilnError(
    'GATE_FAILED',
    `promotion of ${name}@${version} to ${input.alias} refused: ${failing.length} gate${failing.length > 1 ? 's' : ''} failed: ${list}`,
    { gates: out.refused.gates },
  );
}

/** The holders of an alias as a stack: promotions push, rollbacks pop; the top is the holder now. */
export function holderStack(events: AliasEvent[]): number[] {
  const stack: number[] = [];
  for (const e of events) {
    if (e.kind === 'promote') stack.push(e.toVersion);
    else stack.pop();
  }
  return stack;
}

/** Moves the alias back to the version it named before its last promotion (no gates: an undo must always work). */
export function rollback(svc: ModelService, input: { name: string; alias: string; reason: string }): AliasEvent {
  return svc.ws.db.transaction(() => {
    const from = svc.repo.holder(input.name, input.alias);
    if (from === null) {
      const known = Object.keys(svc.repo.aliasesOf(svc.repo.requireModel(input.name)));
      throw new KilnError(
        'ALIAS_NOT_FOUND',
        `${input.name} has no alias ${JSON.stringify(input.alias)}${known.length ? ` (its aliases: ${known.join(', ')})` : ''}; nothing was moved`,
        { name: input.name, alias: input.alias },
      );
    }
    const stack = holderStack(svc.repo.history(input.name, input.alias));
    const to = stack[stack.length - 2];
    if (to === undefined)
      throw new KilnError(
        'CONFLICT',
        `${input.alias} of ${input.name} has no previous holder to roll back to (v${from} is the first version it named); nothing was moved`,
      );
    return svc.repo.appendMove(input.name, { alias: input.alias, kind: 'rollback', from, to, actor: defaultAuthor(), reason: input.reason, report: null });
  });
}
