import type { RunDatasetRef } from '../../../shared/contract/index.js';
import { Digest } from '../../components/Digest';
import { useNavigation } from '../../stores/navigation';

/** Dataset versions the run read and wrote, each a link to that version in the Datasets view. */
export function RunDatasets({ datasets }: { datasets: RunDatasetRef[] }) {
  const navigate = useNavigation((n) => n.navigate);
  if (datasets.length === 0) return <div className="muted">No dataset versions used or produced.</div>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Role</th>
          <th>Stage</th>
          <th>Name</th>
          <th>Dataset version</th>
          <th>Digest</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((d, i) => (
          <tr key={i}>
            <td className="muted">{d.role === 'input' ? 'used' : 'produced'}</td>
            <td>{d.stage}</td>
            <td className="mono">{d.name}</td>
            <td>
              <a
                href={`#/datasets?dataset=${encodeURIComponent(d.dataset)}&version=${d.version}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate('datasets', { dataset: d.dataset, version: String(d.version) });
                }}
              >
                {d.dataset}@{d.version}
              </a>
            </td>
            <td>
              <Digest value={d.digest} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
