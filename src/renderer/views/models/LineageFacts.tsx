import type { ModelLineage } from '../../../shared/contract/index.js';
import { Digest } from '../../components/Digest';
import { StatusDot } from '../../components/StatusDot';

/** The lineage as facts: run, stage, output path, image, code digest and params; whether it is complete. */
export function LineageFacts({ lineage }: { lineage: ModelLineage }) {
  const params = Object.entries(lineage.params);
  return (
    <dl className="km-facts">
      <dt>Lineage</dt>
      <dd>
        <StatusDot
          tone={lineage.complete ? 'ok' : 'warn'}
          label={lineage.complete ? 'complete' : lineage.runId ? 'incomplete' : 'none: registered from a folder'}
        />
      </dd>
      {lineage.output && (
        <>
          <dt>Output</dt>
          <dd className="mono">{lineage.output}</dd>
        </>
      )}
      {lineage.imageId && (
        <>
          <dt>Image</dt>
          <dd>
            <Digest value={lineage.imageId} />
          </dd>
        </>
      )}
      {lineage.codeDigest && (
        <>
          <dt>Code</dt>
          <dd>
            <Digest value={lineage.codeDigest} />
          </dd>
        </>
      )}
      {params.length > 0 && (
        <>
          <dt>Params</dt>
          <dd className="mono">{params.map(([k, v]) => `${k}=${String(v)}`).join('  ')}</dd>
        </>
      )}
    </dl>
  );
}
