import type { Core } from '../core/index.js';
import { KilnError, toErrorData, type Result } from '../shared/contract/index.js';
import { parseOperation } from '../shared/contract/parse.js';

/** The body of every IPC handler, free of Electron so it is unit-tested: sender check, parse, call, Result. */
export async function answerIpcCall(core: Core, name: string, input: unknown, senderTrusted: boolean): Promise<Result<unknown>> {
  try {
    if (!senderTrusted) throw new KilnError('FORBIDDEN', `IPC call ${name} from an untrusted frame was refused`);
    const call = parseOperation(name, input);
    return { ok: true, value: await core.invokeUnchecked(call.name, call.input) };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}
