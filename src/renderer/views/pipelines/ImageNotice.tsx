import { Hammer } from 'lucide-react';
import type { ImageCheck } from '../../../shared/contract/index.js';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';

interface Props {
  images: ImageCheck[] | null;
  building: boolean;
  onBuild(): void;
}

/**
 * Stage images a run could not have: a node image that cannot be pulled gets a button that
 * builds an equivalent one from this machine's node; one standing in for it is said quietly.
 */
export function ImageNotice({ images, building, onBuild }: Props) {
  if (!images) return null;
  const missing = images.filter((i) => i.state === 'unpullable');
  const local = images.filter((i) => i.state === 'local');
  return (
    <>
      {missing.map((i) => (
        <ErrorBanner
          key={i.image}
          title={`The image ${i.image} cannot be had on this machine`}
          error={new Error(i.message)}
          actions={
            i.canBuildLocal ? (
              <Button size="small" variant="primary" icon={<Hammer size={13} />} disabled={building} onClick={onBuild}>
                {building ? 'Building a local node image…' : 'Build a local node image'}
              </Button>
            ) : undefined
          }
        />
      ))}
      {local.map((i) => (
        <div key={i.image} className="kp-image-note muted" role="status">
          {i.message}
        </div>
      ))}
    </>
  );
}
