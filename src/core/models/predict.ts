import { KilnError } from '../../shared/contract/index.js';
import type { ModelService } from './model-service.js';
import { inputWidth, loadTfjsArtifact } from './eval/evaluate.js';
import { batchSchedule, runPredict } from './eval/run-predict.js';

/** In-app prediction with TF.js on a worker thread (what the deploy smoke test calls). */
export async function predict(svc: ModelService, ref: string, inputs: number[][], signal?: AbortSignal): Promise<{ outputs: number[][]; backend: string }> {
  const v = svc.get(ref);
  const cols = inputs[0]!.length;
  const width = inputWidth(v);
  if (width !== null && width !== cols)
    throw new KilnError('INVALID_INPUT', `${v.name}@${v.version} takes ${width} inputs per row, but the first row has ${cols}`);
  const flat = new Float32Array(inputs.length * cols);
  inputs.forEach((row, i) => {
    if (row.length !== cols)
      throw new KilnError('INVALID_INPUT', `row ${i} has ${row.length} values, the first row has ${cols}: every row needs the same number of inputs`);
    flat.set(row, i * cols);
  });
  const art = loadTfjsArtifact(svc, v);
  const r = await runPredict({ ...art, inputs: flat, rows: inputs.length, cols, schedule: batchSchedule(inputs.length, 0) }, { signal });
  const outputs: number[][] = [];
  for (let i = 0; i < inputs.length; i++) outputs.push(Array.from(r.outputs.subarray(i * r.outDim, (i + 1) * r.outDim)));
  return { outputs, backend: r.backend };
}
