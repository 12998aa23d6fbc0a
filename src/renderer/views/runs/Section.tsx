import type { ReactNode } from 'react';

/** A titled card on the run and compare pages. */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card kr-section" aria-label={title}>
      <div className="card-head">
        <h3>{title}</h3>
        {actions ? <span className="kr-section-actions">{actions}</span> : null}
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}
