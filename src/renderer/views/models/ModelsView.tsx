import { lazy, Suspense, useEffect } from 'react';
import { useNavigation } from '../../stores/navigation';
import { useModels } from '../../stores/models';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ModelList } from './ModelList';
import { ModelPage } from './ModelPage';
import { ModelsEmpty } from './ModelsEmpty';
import { RegisterBanner } from './RegisterBanner';
import { RegisterDialog } from './RegisterDialog';
import './models.css';

// the version page carries the graph layout library: loaded when first opened, so the table opens first
const VersionPage = lazy(() => import('./ModelVersionPage').then((m) => ({ default: m.ModelVersionPage })));
const ComparePage = lazy(() => import('./CompareVersions').then((m) => ({ default: m.CompareVersions })));

/** #/models[?model=N[&version=V[&file=P]] | [&compare=A,B]] */
export function ModelsView() {
  const params = useNavigation((s) => s.route.params);
  const list = useModels((s) => s.list);
  const error = useModels((s) => s.error);
  useEffect(() => {
    if (!useModels.getState().list) void useModels.getState().load();
  }, []);
  const model = params.model ?? list?.[0]?.name;
  let main;
  if (model && params.compare) {
    const [a = '', b = ''] = params.compare.split(',');
    main = (
      <Suspense fallback={null}>
        <ComparePage key={params.compare} model={model} a={a} b={b} />
      </Suspense>
    );
  } else if (model && params.version)
    main = (
      <Suspense fallback={null}>
        <VersionPage key={`${model}@${params.version}`} model={model} version={params.version} file={params.file} />
      </Suspense>
    );
  else if (model) main = <ModelPage key={model} model={model} />;
  else main = list ? <ModelsEmpty /> : null;
  return (
    <div className="datasets" data-testid="models-view">
      {list && list.length > 0 && <ModelList selected={model ?? ''} />}
      <div className="datasets-main">
        <RegisterBanner />
        {error != null && (
          <div className="banner-slot">
            <ErrorBanner error={error} title="Could not list models" />
          </div>
        )}
        {main}
      </div>
      <RegisterDialog />
    </div>
  );
}
