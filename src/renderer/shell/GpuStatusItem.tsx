import { Cpu } from 'lucide-react';
import { useGpus } from '../stores/gpus';

/** GPU count; the reason there are none on hover. */
export function GpuStatusItem({ onClick }: { onClick?: () => void }) {
  const list = useGpus((s) => s.list);
  const n = list?.gpus.length;
  const label = list === null ? 'GPUs …' : n === 0 ? 'No GPU' : `${n} GPU${n === 1 ? '' : 's'}`;
  return (
    <button
      type="button"
      className="statusbar-item"
      data-testid="gpu-status"
      onClick={onClick}
      title={list?.reason ?? list?.gpus.map((g) => g.name).join(', ')}
    >
      <Cpu size={13} aria-hidden="true" />
      <span className="num">{label}</span>
    </button>
  );
}
