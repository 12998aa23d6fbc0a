import type { Gpu } from '../../shared/contract/index.js';

/** "[N/A]", "[Not Supported]", "N/A" and the like: a field the device does not report. */
function num(field: string | undefined): number | null {
  if (field === undefined) return null;
  const v = field.trim();
  if (v === '' || v.startsWith('[') || /^n\/a$/i.test(v)) return null;
  const n = Number(v.replace(/\s*(MiB|%)$/i, ''));
  return Number.isFinite(n) ? n : null;
}

/**
 * Parses `nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,driver_version
 * --format=csv,noheader,nounits`. GPU names never contain ", " but may contain commas, so the
 * name is whatever lies between the uuid and the last four columns.
 */
export function parseNvidiaSmi(stdout: string): Gpu[] {
  const gpus: Gpu[] = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || !/^\d+\s*,/.test(line)) continue; // headers, warnings, blank lines
    const cols = line.split(',').map((c) => c.trim());
    if (cols.length < 7) continue;
    const index = Number(cols[0]);
    const tail = cols.slice(-4);
    gpus.push({
      index,
      uuid: cols[1]!,
      name: cols.slice(2, cols.length - 4).join(', '),
      memoryTotalMiB: num(tail[0]),
      memoryUsedMiB: num(tail[1]),
      utilizationPercent: num(tail[2]),
      driverVersion: tail[3]!,
    });
  }
  return gpus;
}
