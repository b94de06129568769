import type { ComponentChildren } from 'preact';
import { Badge, type BadgeTone } from '../../../platform/views/components/Badge.js';
import { type FormState, TextArea } from '../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../shared/dates.js';
import { requestStatusLabel } from '../domain/requestStatus.js';
import type { RequestDetail } from '../requestTypes.js';
import type { RequestEvent, RequestMessage } from '../requestsService.js';
import { MESSAGE_MAX } from './requestForms.js';

/**
 * What the family's pages and the desk's pages of a request share: the status tag, what is asked,
 * the timeline and the thread. The two sides name people differently: the family reads « Guichet
 * unique » for any agent (an agent's name is the desk's business), the desk reads everyone's name.
 */
export type Side = 'family' | 'desk';

const requestTones: Record<string, BadgeTone> = {
  deposee: 'info',
  'en-cours': 'info',
  'a-completer': 'warning',
  acceptee: 'success',
  refusee: 'error',
  annulee: 'neutral',
};

export function StatusTag({ status }: { status: string }) {
  return <Badge tone={requestTones[status] ?? 'neutral'}>{requestStatusLabel(status)}</Badge>;
}

/** An instant readable by people and by machines. */
export function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{formatLocalDateTime(at)}</time>;
}

function whoOf(kind: string, label: string, side: Side): string {
  if (kind === 'agent') return side === 'family' ? 'Guichet unique' : `${label} (guichet unique)`;
  if (kind === 'citizen') return side === 'family' ? label : `${label} (famille)`;
  return 'Automatique';
}

function whatOf(event: RequestEvent, side: Side): string {
  switch (event.kind) {
    case 'submitted':
      return 'Demande déposée';
    case 'assigned':
      return side === 'family' ? 'Prise en charge par le guichet unique' : `Prise en charge par ${event.actorLabel}`;
    case 'status':
      return `Statut : ${requestStatusLabel(event.toStatus ?? '')}`;
    default:
      return event.kind;
  }
}

// Events written by one action share their instant: the order they happened in is this one.
const eventOrder: Record<string, number> = { submitted: 0, assigned: 1, status: 2 };

/** The timeline: every event, who, when, what; oldest first, as a story is told. */
export function Timeline({ events, side }: { events: RequestEvent[]; side: Side }) {
  const sorted = [...events].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (eventOrder[a.kind] ?? 9) - (eventOrder[b.kind] ?? 9),
  );
  return (
    <ol class="timeline">
      {sorted.map((event) => (
        <li key={event.id}>
          <strong>{whatOf(event, side)}</strong>
          <br />
          <span class="meta">
            <When at={event.at} /> — {whoOf(event.actorKind, event.actorLabel, side)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The messages between the family and the guichet unique; the text is the author's, escaped, its line
 * breaks kept. A message the family sent a document with links to it, where this side reads the vault.
 */
export function Thread({
  messages,
  side,
  documentHref,
}: {
  messages: RequestMessage[];
  side: Side;
  documentHref: (documentId: string) => string;
}) {
  if (messages.length === 0) return <p>Aucun message pour le moment.</p>;
  return (
    <ol class="thread">
      {messages.map((message) => (
        <li key={message.id} class={message.authorKind === 'agent' ? 'message message--agent' : 'message'}>
          <p class="meta">
            <strong>{whoOf(message.authorKind, message.authorLabel, side)}</strong>, le <When at={message.at} />
          </p>
          <p>{message.body}</p>
          {message.documentId ? (
            <p>
              <a href={documentHref(message.documentId)}>Voir la pièce jointe à ce message</a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** What the request asks; a change shows the value it replaces beside the new one. */
export function DetailsTable({
  details,
  caption,
  before,
  after,
  documentHref,
  side,
}: {
  details: RequestDetail[];
  caption: string;
  before: string;
  after: string;
  /** Where this side reads a document of the family's vault. */
  documentHref?: (documentId: string) => string;
  side: Side;
}) {
  if (details.length === 0) return <p>Le détail de cette demande n’est pas disponible.</p>;
  const withBefore = details.some((detail) => detail.before !== undefined);
  const valueLabel = withBefore ? after : 'Valeur';
  const table = (
    <table class={side === 'family' ? 'data reflow' : 'data'}>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Information</th>
          {withBefore ? <th scope="col">{before}</th> : null}
          <th scope="col">{valueLabel}</th>
        </tr>
      </thead>
      <tbody>
        {details.map((detail, index) => (
          <tr key={index}>
            <th scope="row">{detail.label}</th>
            {withBefore ? <td data-label={before}>{detail.before ?? '—'}</td> : null}
            <td data-label={valueLabel}>
              {detail.documentId && documentHref ? (
                <a href={documentHref(detail.documentId)}>{detail.after}</a>
              ) : (
                detail.after
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  // A family on a phone reads each line as a block of labelled lines, with no scroll box; the desk's
  // table, read on a wide screen, keeps its box that scrolls sideways.
  return side === 'family' ? (
    table
  ) : (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      {table}
    </div>
  );
}

/** A message box: labelled, its hint and error tied to it, its text kept when the form comes back. */
export function MessageField({
  form,
  name,
  label,
  hint,
  required,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}) {
  return (
    <TextArea
      form={form}
      name={name}
      label={label}
      hint={`${hint ? `${hint} ` : ''}${MESSAGE_MAX} caractères au maximum.`}
      required={required}
    />
  );
}

/** What just happened, or why it could not: read out politely when good, at once when not. */
export function RequestNotice({ kind, children }: { kind: 'success' | 'error'; children: ComponentChildren }) {
  return kind === 'success' ? (
    <div class="notice notice--success" role="status">
      {children}
    </div>
  ) : (
    <div class="notice notice--error" role="alert">
      {children}
    </div>
  );
}
