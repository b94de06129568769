import { Fragment } from 'preact';
import { telHref } from '../../../shared/format.js';
import { type Contact, type FieldGroupKey, describeValue, fieldGroups } from '../domain/fieldGroups.js';
import type { PendingChange } from '../familyFileService.js';

/**
 * The pieces of the family file's pages that the family's door and the desk's share. Links to a
 * request go where the reader can open it: `requestHref` is the door's own address of a request.
 */
type RequestHref = (requestId: string) => string;

/** The new value of a field awaiting validation, beside the current one, with the request it belongs to. */
export function PendingValue({
  requestHref,
  pending,
  field,
}: {
  requestHref: RequestHref;
  pending: PendingChange | null;
  field: string;
}) {
  const change = pending?.changes.find((c) => c.field === field);
  if (!pending || !change) return null;
  return (
    <span class="pending">
      En attente de validation : {change.after}{' '}
      <a href={requestHref(pending.requestId)}>
        voir la demande<span class="visually-hidden"> ({change.label})</span>
      </a>
    </span>
  );
}

/** A group's fields as a list of facts: the label, the current value and, when one waits, the pending one. */
export function GroupFacts({
  requestHref,
  group,
  values,
  pending,
  omit = [],
}: {
  requestHref: RequestHref;
  group: FieldGroupKey;
  values: Record<string, unknown>;
  pending: PendingChange | null;
  omit?: string[];
}) {
  return (
    <dl class="facts">
      {Object.entries(fieldGroups[group].fields)
        .filter(([field]) => !omit.includes(field))
        .map(([field, label]) => (
          <Fragment key={field}>
            <dt>{label}</dt>
            <dd>
              {describeValue(field, values[field])}
              <PendingValue requestHref={requestHref} pending={pending} field={field} />
            </dd>
          </Fragment>
        ))}
    </dl>
  );
}

/** A member's pick-up people or emergency contacts, each phone a link to call it. */
export function ContactList({ contacts }: { contacts: Contact[] }) {
  if (contacts.length === 0) return <p>Personne n’est indiqué.</p>;
  return (
    <ul>
      {contacts.map((contact, index) => (
        <li key={index}>
          {contact.name}
          {contact.relation ? ` (${contact.relation})` : ''} — <a href={telHref(contact.phone)}>{contact.phone}</a>
        </li>
      ))}
    </ul>
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
