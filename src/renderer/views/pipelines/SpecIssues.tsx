import type { SpecIssue } from '../../../shared/contract/index.js';

/** Problems in kiln.yaml, each with its place (file:line:col) and the field, before anything runs. */
export function SpecIssues({ issues }: { issues: SpecIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div className="error-banner kp-issues" role="alert" aria-label="pipeline problems">
      <div className="error-body">
        <div className="error-title">
          kiln.yaml has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}: fix {issues.length === 1 ? 'it' : 'them'} and the pipeline can run.
        </div>
        <ul className="kp-issue-list">
          {issues.map((i, n) => (
            <li key={n}>
              <span className="mono kp-issue-pos">
                {i.file}:{i.line}:{i.column}
              </span>
              {i.field ? <code className="kp-issue-field">{i.field}</code> : null}
              <span>{i.message}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
