import { type ComponentChildren, Fragment } from 'preact';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { describeValue } from '../../../domain/fieldGroups.js';

/** One line of a record: the column's property, its French label, and how to say its value when the default will not do. */
export type Field<Row> = [key: keyof Row & string, label: string, show?: (value: unknown, row: Row) => string];

/** Any stored value as a person reads it: dates in the commune's time, yes/no, « — » for nothing. */
export function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return formatLocalDateTime(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(plain).join(' ; ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '—' : entries.map(([key, v]) => `${key} : ${plain(v)}`).join(' ; ');
  }
  return String(value);
}

/** A value of the family file, said the way the file's pages say it (diet, preferred contact, birth date…). */
export const fileValue =
  (field: string) =>
  (value: unknown): string =>
    describeValue(field, value);

/** A record as a list of label / value pairs. */
export function Facts<Row>({ row, fields }: { row: Row; fields: Field<Row>[] }) {
  return (
    <dl class="facts">
      {fields.map(([key, label, show]) => (
        <Fragment key={key}>
          <dt>{label}</dt>
          <dd>{show ? show(row[key], row) : plain(row[key])}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** Records side by side, one line each: for the lists whose records are short. */
export function Rows<Row>({ caption, rows, fields }: { caption: string; rows: Row[]; fields: Field<Row>[] }) {
  if (rows.length === 0) return <p>Aucune donnée.</p>;
  return (
    // On a phone each record reflows to a block of labelled lines: no sideways scrolling, no scroll box.
    <table class="data reflow">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {fields.map(([key, label]) => (
            <th scope="col" key={key}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {fields.map(([key, label, show]) => (
              <td key={key} data-label={label}>
                {show ? show(row[key], row) : plain(row[key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A kind of data: its heading, what it is, and its records. */
export function DataSection({
  title,
  about,
  children,
}: {
  title: string;
  about?: string;
  children: ComponentChildren;
}) {
  return (
    <section class="file-section">
      <h2>{title}</h2>
      {about ? <p class="meta">{about}</p> : null}
      {children}
    </section>
  );
}

const actions: Record<string, string> = {
  'citizen.signed-up': 'Création de l’espace',
  'citizen.activated': 'Activation de l’espace',
  'citizen.login.succeeded': 'Connexion',
  'citizen.login.failed': 'Connexion refusée',
  'citizen.reset.requested': 'Demande de nouveau mot de passe',
  'citizen.reset.done': 'Nouveau mot de passe choisi',
  'citizen.password.changed': 'Mot de passe modifié',
  'citizen.username.changed': 'Identifiant modifié',
  'citizen.email.change-requested': 'Changement d’adresse e-mail demandé',
  'citizen.email.changed': 'Adresse e-mail modifiée',
  'child-key.issued': 'Clé Enfance émise',
  'child-key.revoked': 'Clé Enfance révoquée',
  'child-key.used': 'Clé Enfance utilisée',
  'child-key.failed': 'Clé Enfance erronée',
  'family.changed': 'Dossier famille modifié',
  'family.member-added': 'Membre du foyer ajouté',
  'family.exported': 'Téléchargement des données',
  'health.viewed': 'Consultation des informations de santé',
  'attendance.unbooked-child': 'Présence sans réservation enregistrée',
  'calendar-feed.created': 'Lien d’abonnement à l’agenda créé',
  'calendar-feed.revoked': 'Lien d’abonnement à l’agenda révoqué',
  'session-booking.promoted': 'Place attribuée depuis la liste d’attente',
  'session-booking.removed': 'Réservation d’activité retirée par le guichet unique',
};

/** An audit line's action in words; an action without words yet keeps its code. */
export function actionLabel(action: string): string {
  return actions[action] ?? action;
}

const actorKinds: Record<string, string> = {
  citizen: 'famille',
  agent: 'guichet unique',
  system: 'système',
  anonymous: 'inconnu',
};

/** « Camille BERNARD (guichet unique) ». */
export function actorName(kind: string, label: string): string {
  return `${label || '—'} (${actorKinds[kind] ?? kind})`;
}
