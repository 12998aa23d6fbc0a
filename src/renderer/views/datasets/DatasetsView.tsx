import { useEffect } from 'react';
import { useNavigation } from '../../stores/navigation';
import { useDatasets } from '../../stores/datasets';
import { DatasetList } from './DatasetList';
import { DatasetPage } from './DatasetPage';
import { VersionPage } from './VersionPage';
import { DiffPage } from './DiffPage';
import { DatasetsEmpty } from './DatasetsEmpty';
import { IngestBanner } from './IngestBanner';
import { ErrorBanner } from '../../components/ErrorBanner';

/** #/datasets[?dataset=N[&version=V[&file=P]] | [&from=A&to=B]] */
export function DatasetsView() {
  const params = useNavigation((s) => s.route.params);
  const list = useDatasets((s) => s.list);
  const error = useDatasets((s) => s.error);
  useEffect(() => {
    if (!useDatasets.getState().list) void useDatasets.getState().load();
  }, []);
  const { dataset, version, from, to } = params;
  let main;
  if (dataset && from && to) main = <DiffPage dataset={dataset} from={from} to={to} />;
  else if (dataset && version) main = <VersionPage dataset={dataset} version={version} file={params.file} />;
  else if (dataset) main = <DatasetPage dataset={dataset} />;
  else if (list && list.length) main = <DatasetPage dataset={list[0]!.name} />;
  else main = list ? <DatasetsEmpty /> : null;
  return (
    <div className="datasets">
      {list && list.length > 0 && <DatasetList selected={dataset ?? list[0]!.name} />}
      <div className="datasets-main">
        <IngestBanner />
        {error != null && <ErrorBanner error={error} title="Could not list datasets" />}
        {main}
      </div>
    </div>
  );
}
