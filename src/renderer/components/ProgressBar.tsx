import { X } from 'lucide-react';
import { formatBytes, formatDuration, formatRate } from '../../shared/format.js';

export interface ProgressBarProps {
  label?: string;
  phase?: string;
  bytesDone: number;
  bytesTotal: number | null;
  filesDone?: number;
  filesTotal?: number | null;
  /** what filesDone counts, when not files (an evaluation counts rows) */
  itemLabel?: string;
  /** bytes per second */
  rate?: number;
  etaSeconds?: number | null;
  /** shown when given: cancels the job (the caller sends jobs:cancel or aborts its upload) */
  onCancel?: () => void;
  compact?: boolean;
}

/** A long job: bar, bytes done of total, rate, ETA and a cancel button. Fixed height, so nothing jumps. */
export function ProgressBar(p: ProgressBarProps) {
  const frac = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
  const unit = p.itemLabel ?? 'files';
  const files = p.filesTotal
    ? `${(p.filesDone ?? 0).toLocaleString('en-US')}/${p.filesTotal.toLocaleString('en-US')} ${unit}`
    : p.filesDone
      ? `${p.filesDone.toLocaleString('en-US')} ${unit}`
      : '';
  // no total and nothing counted yet (an image build, a check): no "0 B", the phase and the moving bar say it all
  const bytes = p.bytesTotal ? `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : p.bytesDone ? formatBytes(p.bytesDone) : '';
  const rate = p.rate ? formatRate(p.rate) : '';
  const eta = p.etaSeconds !== null && p.etaSeconds !== undefined && Number.isFinite(p.etaSeconds) ? `${formatDuration(p.etaSeconds * 1000)} left` : '';
  return (
    <div
      className={`progress ${p.compact ? 'progress-compact' : ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={frac === null ? undefined : Math.round(frac * 100)}
      aria-label={p.label}
    >
      <div className="progress-head">
        {p.label && <span className="progress-label">{p.label}</span>}
        {p.phase && <span className="progress-phase">{p.phase}</span>}
        <span className="progress-figures num">{[bytes, files, rate, eta].filter(Boolean).join(' · ')}</span>
        {p.onCancel && (
          <button type="button" className="icon-btn" title="Cancel" aria-label="Cancel" onClick={p.onCancel}>
            <X size={14} />
          </button>
        )}
      </div>
      <div className="progress-track">
        <div
          className={`progress-fill ${frac === null ? 'progress-indeterminate' : ''}`}
          style={frac === null ? undefined : { width: `${(frac * 100).toFixed(1)}%` }}
        />
      </div>
    </div>
  );
}
