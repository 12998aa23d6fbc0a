import { Hammer } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';

/** Models and Deployments are planned; say what they will do. */
export function ComingView({ title, what }: { title: string; what: string }) {
  return (
    <div className="page">
      <div className="page-head">
        <h1>{title}</h1>
        <span className="pill">coming</span>
      </div>
      <EmptyState icon={<Hammer size={28} />} title={`${title} are coming`} hint={what} />
    </div>
  );
}
