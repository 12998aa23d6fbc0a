import { KilnError, type ModelVersion, type OpInput, type OpName, type OpOutput } from '../../shared/contract/index.js';

/** Calls another domain's operation through the contract (parsed like any caller's), never its insides. */
export type InvokeOp = <K extends OpName>(name: K, input: OpInput<K>) => Promise<OpOutput<K>>;

/** What deploy needs of the model registry. */
export interface ModelSource {
  get(model: string, version: number): Promise<ModelVersion>;
  checkout(model: string, version: number, dir: string): Promise<void>;
  /** the in-app prediction of these rows (the smoke test's expected answer), or null when the registry has none */
  predict(model: string, version: number, rows: number[][]): Promise<number[][] | null>;
}

export function registryModelSource(invoke: InvokeOp): ModelSource {
  return {
    async get(model, version) {
      try {
        return await invoke('models:get', { ref: `${model}@${version}` });
      } catch (e) {
        if (e instanceof KilnError && (e.code === 'MODEL_NOT_FOUND' || e.code === 'NOT_FOUND' || e.code === 'VERSION_NOT_FOUND')) {
          throw new KilnError(
            e.code,
            `${model}@${version} is not a registered model version: ${e.message} (register it with \`kiln models register PATH --name ${model}\`)`,
          );
        }
        throw e;
      }
    },
    async checkout(model, version, dir) {
      await invoke('models:checkout', { ref: `${model}@${version}`, dir });
    },
    async predict(model, version, rows) {
      try {
        return (await invoke('models:predict', { ref: `${model}@${version}`, inputs: rows })).outputs;
      } catch (e) {
        if (e instanceof KilnError && e.code === 'NOT_IMPLEMENTED') return null;
        throw e;
      }
    },
  };
}
