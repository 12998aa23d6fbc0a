import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { KilnError, type GateSpec, type ModelConfig } from '../../shared/contract/index.js';
import { GateSyntaxError, parseGate, type Gate } from './gate-parser.js';

export interface DeclaredModel extends ModelConfig {
  task: 'classification' | 'regression' | null;
  /** a stage output registered as a new version after each successful run */
  output: string | null;
  parsed: { spec: GateSpec; gate: Gate }[];
}

const MODEL_KEYS = ['holdout', 'label', 'task', 'output', 'gates', 'description'];

function fail(file: string, line: number, column: number, message: string): never {
  throw new KilnError('GATE_INVALID', `${file}:${line}:${column}: ${message}`, { file, line, column });
}

/**
 * The `models:` section of the workspace's kiln.yaml (which may hold it alone, without stages).
 * Every problem is a GATE_INVALID naming file, line and column, so nothing is evaluated or moved
 * on a mistyped gate.
 */
export function readModelConfigs(root: string): Map<string, DeclaredModel> {
  const file = join(root, 'kiln.yaml');
  const out = new Map<string, DeclaredModel>();
  if (!existsSync(file)) return out;
  const text = readFileSync(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const pos = (offset: number | undefined) => lc.linePos(offset ?? 0);
  if (doc.errors.length) {
    const p = pos(doc.errors[0]!.pos[0]);
    fail(file, p.line, p.col, `YAML syntax error: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  if (!isMap(doc.contents)) return out;
  const models = doc.contents.get('models', true);
  if (models === undefined || models === null) return out;
  if (!isMap(models)) {
    const p = pos((models as { range?: number[] }).range?.[0]);
    fail(file, p.line, p.col, 'models: must be a mapping of model names to { holdout, label, gates }');
  }
  for (const pair of models.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = pos((pair.key as Scalar | null)?.range?.[0]);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) fail(file, at.line, at.col, `"${name}" is not a model name (letters, digits, ".", "_", "-")`);
    const v = pair.value;
    if (v !== null && !isMap(v)) fail(file, at.line, at.col, `models.${name} must be a mapping with holdout, label and gates`);
    const str = (key: string): string | null => {
      if (!v) return null;
      const n = v.get(key, true);
      if (n === undefined || n === null) return null;
      if (!isScalar(n) || typeof n.value !== 'string') {
        const p = pos((n as { range?: number[] }).range?.[0]);
        fail(file, p.line, p.col, `models.${name}.${key} must be a string`);
      }
      return n.value;
    };
    if (v) {
      for (const it of v.items) {
        const k = isScalar(it.key) ? String(it.key.value) : '';
        if (!MODEL_KEYS.includes(k)) {
          const p = pos((it.key as Scalar | null)?.range?.[0]);
          fail(file, p.line, p.col, `unknown key "${k}" in models.${name} (known: ${MODEL_KEYS.join(', ')})`);
        }
      }
    }
    const task = str('task');
    if (task !== null && task !== 'classification' && task !== 'regression') {
      const p = pos((v!.get('task', true) as Scalar).range?.[0]);
      fail(file, p.line, p.col, `models.${name}.task must be classification or regression, not "${task}"`);
    }
    const holdout = str('holdout');
    if (holdout !== null && !/^data:[A-Za-z0-9][A-Za-z0-9._-]*@[^/\s]+(\/.+)?$/.test(holdout)) {
      const p = pos((v!.get('holdout', true) as Scalar).range?.[0]);
      fail(
        file,
        p.line,
        p.col,
        `models.${name}.holdout "${holdout}" must be data:NAME@VERSION (a dataset version holding one table) or data:NAME@VERSION/path.csv`,
      );
    }
    const parsed: DeclaredModel['parsed'] = [];
    const gates = v?.get('gates', true);
    if (gates !== undefined && gates !== null) {
      if (!isSeq(gates)) {
        const p = pos((gates as { range?: number[] }).range?.[0]);
        fail(file, p.line, p.col, `models.${name}.gates must be a list of gates such as "accuracy >= 0.9"`);
      }
      for (const g of gates.items) {
        const start = (g as { range?: number[] }).range?.[0] ?? 0;
        const gp = pos(start);
        if (!isScalar(g) || typeof g.value !== 'string') fail(file, gp.line, gp.col, `each gate of models.${name} must be a string such as "accuracy >= 0.9"`);
        // quoted scalars start one character before their text
        const inner = start + (g.type === 'QUOTE_DOUBLE' || g.type === 'QUOTE_SINGLE' ? 1 : 0);
        try {
          const gate = parseGate(g.value);
          const p = pos(inner);
          parsed.push({ spec: { text: g.value, file, line: p.line, column: p.col }, gate });
        } catch (e) {
          if (!(e instanceof GateSyntaxError)) throw e;
          const p = pos(inner + e.offset);
          fail(file, p.line, p.col, `gate "${g.value}" of model ${name}: ${e.message}`);
        }
      }
    }
    out.set(name, {
      name,
      holdout,
      label: str('label'),
      task: task as DeclaredModel['task'],
      output: str('output'),
      gates: parsed.map((x) => x.spec),
      parsed,
      file,
    });
  }
  return out;
}
