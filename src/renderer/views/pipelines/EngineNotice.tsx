import type { EngineStatus } from '../../../shared/contract/index.js';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Button } from '../../components/Button';

/** Pipelines need Docker: say so plainly, with where Kiln looked and what to do. */
export function EngineNotice({ engine, onRetry }: { engine: EngineStatus | null; onRetry(): void }) {
  if (!engine || engine.state !== 'unreachable') return null;
  return (
    <ErrorBanner
      title="The Docker engine is unreachable"
      error={new Error(engine.message ?? `Kiln found no Docker engine at ${engine.host}: start Docker (or set DOCKER_HOST), then retry.`)}
      actions={
        <Button size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    />
  );
}
