import type { RunOutputInfo } from '../../../shared/contract/index.js';
import { Digest } from '../../components/Digest';

/** Workspace paths the stages wrote, with the digest of what they held and the stored tree. */
export function RunOutputs({ outputs }: { outputs: RunOutputInfo[] }) {
  if (outputs.length === 0) return null;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Output</th>
          <th>Stage</th>
          <th>Digest</th>
          <th>Stored</th>
        </tr>
      </thead>
      <tbody>
        {outputs.map((o) => (
          <tr key={`${o.stage}/${o.path}`}>
            <td className="mono">{o.path}</td>
            <td>{o.stage}</td>
            <td>
              <Digest value={o.digest} />
            </td>
            <td>{o.tree ? <Digest value={o.tree} /> : <span className="faint">not stored</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
