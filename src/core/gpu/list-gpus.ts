import { execFile } from 'node:child_process';
import type { GpuList } from '../../shared/contract/index.js';
import { NVIDIA_SMI_ARGS } from './nvidia-smi-query.js';
import { parseNvidiaSmi } from './parse-nvidia-smi.js';

/** KILN_NVIDIA_SMI points at another nvidia-smi (tests use a fake that replays real outputs). */
export function nvidiaSmiPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.KILN_NVIDIA_SMI || 'nvidia-smi';
}

/** GPUs as nvidia-smi sees them; no tool, no driver or no GPU is an empty list with a reason. */
export function listGpus(env: NodeJS.ProcessEnv = process.env): Promise<GpuList> {
  const bin = nvidiaSmiPath(env);
  return new Promise((resolve) => {
    execFile(bin, NVIDIA_SMI_ARGS, { timeout: 5000, encoding: 'utf8', env }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        if (e.code === 'ENOENT') return resolve({ gpus: [], reason: 'nvidia-smi not found: no NVIDIA driver is installed on this machine' });
        if (e.killed) return resolve({ gpus: [], reason: 'nvidia-smi did not answer within 5 s' });
        const said = (stdout || stderr || e.message).trim().split('\n')[0] ?? '';
        return resolve({ gpus: [], reason: `nvidia-smi failed: ${said}` });
      }
      const gpus = parseNvidiaSmi(stdout);
      resolve(gpus.length ? { gpus } : { gpus: [], reason: 'nvidia-smi found no GPU' });
    });
  });
}
