import type { Gpu } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';

const MIB = 1024 * 1024;

function Meter({ frac, label }: { frac: number | null; label: string }) {
  return (
    <div className="kp-meter" title={label}>
      <div className="kp-meter-track">
        <div className="kp-meter-fill" style={{ width: `${Math.round((frac ?? 0) * 100)}%` }} />
      </div>
      <span className="num kp-meter-label">{label}</span>
    </div>
  );
}

/** Live utilization and memory per GPU, and which stage holds it. */
export function GpuPanel({ gpus, holders, reason }: { gpus: Gpu[]; holders: Record<string, string>; reason: string | null }) {
  return (
    <section className="card kp-gpus" aria-label="GPUs">
      <div className="card-head">
        <h3>GPUs</h3>
      </div>
      <div className="card-body">
        {gpus.length === 0 ? (
          <div className="muted">{reason ?? 'No GPU found: stages asking for GPUs will fail before they start.'}</div>
        ) : (
          gpus.map((g) => {
            const mem = g.memoryTotalMiB ? (g.memoryUsedMiB ?? 0) / g.memoryTotalMiB : null;
            return (
              <div key={g.uuid} className="kp-gpu" data-testid={`gpu-${g.index}`}>
                <div className="kp-gpu-head">
                  <span className="num">#{g.index}</span>
                  <span className="ellipsis">{g.name}</span>
                  <span className="faint ellipsis kp-gpu-holder">{holders[g.uuid] ?? 'idle'}</span>
                </div>
                <Meter
                  frac={g.utilizationPercent === null ? null : g.utilizationPercent / 100}
                  label={g.utilizationPercent === null ? 'util —' : `util ${g.utilizationPercent}%`}
                />
                <Meter
                  frac={mem}
                  label={g.memoryTotalMiB ? `mem ${formatBytes((g.memoryUsedMiB ?? 0) * MIB)} / ${formatBytes(g.memoryTotalMiB * MIB)}` : 'mem —'}
                />
              </div>
            );
          })
        )}
      </div>
    </section>
  );
}
