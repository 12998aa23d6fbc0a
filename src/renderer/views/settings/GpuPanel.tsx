import { Cpu } from 'lucide-react';
import { useGpus } from '../../stores/gpus';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatNumber } from '../../../shared/format.js';

/** gpus:list as a table, or the reason there are none. */
export function GpuPanel() {
  const { list, error } = useGpus();
  return (
    <section className="card" aria-labelledby="gpu-h" data-testid="gpu-panel">
      <div className="card-head">
        <h2 id="gpu-h">GPUs</h2>
        {list && <span className="pill num">{list.gpus.length}</span>}
      </div>
      <div className="card-body">
        {error != null && <ErrorBanner error={error} title="Could not list GPUs" />}
        {!list && error == null && <Spinner />}
        {list && list.gpus.length === 0 && (
          <div className="gpu-none" data-testid="gpu-reason">
            <Cpu size={18} className="faint" aria-hidden="true" />
            <div>
              <div>No NVIDIA GPU available</div>
              <div className="muted">{list.reason ?? 'nvidia-smi reported no GPU.'}</div>
            </div>
          </div>
        )}
        {list && list.gpus.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Name</th>
                <th className="num">Memory used</th>
                <th className="num">Memory total</th>
                <th className="num">Utilisation</th>
                <th>Driver</th>
                <th>UUID</th>
              </tr>
            </thead>
            <tbody>
              {list.gpus.map((g) => (
                <tr key={g.uuid}>
                  <td className="num">{g.index}</td>
                  <td>{g.name}</td>
                  <td className="num">{g.memoryUsedMiB === null ? '—' : `${formatNumber(g.memoryUsedMiB)} MiB`}</td>
                  <td className="num">{g.memoryTotalMiB === null ? '—' : `${formatNumber(g.memoryTotalMiB)} MiB`}</td>
                  <td className="num">{g.utilizationPercent === null ? '—' : `${g.utilizationPercent}%`}</td>
                  <td>{g.driverVersion}</td>
                  <td className="mono muted">{g.uuid}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
