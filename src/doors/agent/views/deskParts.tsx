import type { ComponentChildren } from 'preact';
import type { Commune } from '../../../modules/communes/domain/commune.js';
import { Breadcrumb, type Crumb } from '../../../platform/views/components/Breadcrumb.js';
import { agentPaths } from '../agentPaths.js';

// The back office's small shared pieces, used by every module's desk pages.

/** A message about what just happened: read out politely (status) when good, at once (alert) when not. */
export function Notice({
  kind = 'success',
  children,
}: {
  kind?: 'success' | 'error' | 'info';
  children: ComponentChildren;
}) {
  if (kind === 'error') {
    return (
      <div class="notice notice--error" role="alert">
        {children}
      </div>
    );
  }
  return (
    <div class={kind === 'success' ? 'notice notice--success' : 'notice'} role="status">
      {children}
    </div>
  );
}

/** « 2018-05-14 » (a date column) → « 14/05/2018 ». */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** « DUPONT Aurélie »: surnames in capitals, as the guichet files them. */
export function personName(person: { firstName: string; lastName: string }): string {
  return `${person.lastName.toLocaleUpperCase('fr-FR')} ${person.firstName}`;
}

/**
 * A table that scrolls sideways on a narrow screen (WCAG 1.4.10 allows it for data tables): the
 * scrolling box can take the focus, so that it scrolls with the keyboard too, and is named.
 */
export function TableBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * The breadcrumb of a page under a family's desk file: « Familles », the file, any step between,
 * then the page itself. The agent sees where the page sits and goes back up in one move.
 */
export function FamilyFileTrail({
  commune,
  familyId,
  file,
  between = [],
  current,
}: {
  commune: Commune;
  familyId: string;
  /** How the file is named: « F-2026-0001 », or the family's name. */
  file: string;
  between?: Crumb[];
  current: string;
}) {
  const paths = agentPaths(commune);
  return (
    <Breadcrumb
      trail={[
        { href: paths.families, label: 'Familles' },
        { href: paths.family(familyId), label: `Dossier famille ${file}` },
        ...between,
      ]}
      current={current}
    />
  );
}
