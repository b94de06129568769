import { type ComponentChildren, Fragment } from 'preact';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import { type FieldGroupKey, describeValue, fieldGroups } from '../../../domain/fieldGroups.js';
import type { FieldChange } from '../../../familiesSchema.js';
import type { PendingChange } from '../../../familyFileService.js';
import type { FileNotice } from '../groupEditing.js';

/** « Rémi DUPONT »: first name, then the surname in capitals. */
export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName.toLocaleUpperCase('fr-FR')}`;
}

const noticeTexts: Record<FileNotice['kind'], string> = {
  applied: 'Modification enregistrée.',
  requested: 'Votre demande de modification a été transmise au guichet unique. La nouvelle valeur s’affiche « en attente de validation » jusqu’à sa décision.',
  unchanged: 'Aucune modification : les valeurs saisies sont celles du dossier.',
  added: 'Le membre du foyer est ajouté au dossier famille.',
};

/** What just happened to the file, read out politely. */
export function FileNoticeBox({ commune, notice, requestedText }: { commune: Commune; notice: FileNotice | null; requestedText?: string }) {
  if (!notice) return null;
  const text = notice.kind === 'requested' && requestedText ? requestedText : noticeTexts[notice.kind];
  return (
    <div class={notice.kind === 'unchanged' ? 'notice' : 'notice notice--success'} role="status">
      <p>{text}</p>
      {notice.requestId ? (
        <p>
          <a href={communePaths(commune).request(notice.requestId)}>Suivre la demande</a>
        </p>
      ) : null}
    </div>
  );
}

/** A message that something went wrong, read out at once. */
export function ErrorNotice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice notice--error" role="alert">
      {children}
    </div>
  );
}

/** The new value of a field awaiting validation, beside the current one, with the request it belongs to. */
export function PendingValue({ commune, pending, field }: { commune: Commune; pending: PendingChange | null; field: string }) {
  const change = pending?.changes.find((c) => c.field === field);
  if (!pending || !change) return null;
  return (
    <span class="pending">
      En attente de validation : {change.after}{' '}
      <a href={communePaths(commune).request(pending.requestId)}>
        voir la demande<span class="visually-hidden"> ({change.label})</span>
      </a>
    </span>
  );
}

/** A group's fields as a list of facts: the label, the current value and, when one waits, the pending one. */
export function GroupFacts({ commune, group, values, pending, omit = [] }: { commune: Commune; group: FieldGroupKey; values: Record<string, unknown>; pending: PendingChange | null; omit?: string[] }) {
  return (
    <dl class="facts">
      {Object.entries(fieldGroups[group].fields)
        .filter(([field]) => !omit.includes(field))
        .map(([field, label]) => (
          <Fragment key={field}>
            <dt>{label}</dt>
            <dd>
              {describeValue(field, values[field])}
              <PendingValue commune={commune} pending={pending} field={field} />
            </dd>
          </Fragment>
        ))}
    </dl>
  );
}

/** « Modifier » for a section, named after it for whoever lists the page's links. */
export function EditLink({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a href={href} class="button button--secondary">
        Modifier<span class="visually-hidden"> : {label}</span>
      </a>
    </p>
  );
}

/** One field's change as the history and the lists of requests say it. */
export function changeText(change: FieldChange): string {
  return change.before === '' ? `${change.label} : ${change.after}` : `${change.label} : ${change.before} → ${change.after}`;
}

/**
 * A data table that scrolls sideways on a narrow screen: the box takes the focus, so that it
 * scrolls with the keyboard too, and is named.
 */
export function TableBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
