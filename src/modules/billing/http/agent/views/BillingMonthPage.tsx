import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { addMonths, formatMonth } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { Review } from '../../../invoiceRunService.js';
import { billingPaths } from '../billingPaths.js';

export const WARNING_LABELS: Record<string, string> = {
  'qf-missing': 'QF non fourni : tarif maximal',
  'below-minimum': 'Sous le minimum : reporté au mois suivant',
};

const STATUS_LABELS = { draft: 'Brouillon', issued: 'Émise', cancelled: 'Annulée' } as const;

export type MonthNotice =
  | { kind: 'run'; drafts: number; lines: number; totalCents: number }
  | { kind: 'issued'; issued: number; first: string; last: string }
  | { kind: 'refused'; text: string };

/** « Facturation » for a month: make the drafts, review them (totals and warnings), issue them. */
export function BillingMonthPage({
  context,
  review,
  notice,
}: {
  context: PageContext;
  review: Review;
  notice?: MonthNotice;
}) {
  const paths = billingPaths(context.commune!);
  const { period, rows } = review;
  const title = `Facturation — ${formatMonth(period)}`;
  const changed = rows.filter((row) => row.changed).length;
  const warned = rows.filter((row) => row.status === 'draft' && row.warnings.length > 0).length;
  return (
    <Layout context={context} title={notice?.kind === 'refused' ? `Erreur : ${title}` : title}>
      <h1>{title}</h1>
      <nav aria-label="Mois facturés">
        <ul class="pager">
          <li>
            <a href={paths.month(addMonths(period, -1))}>
              Mois précédent<span class="visually-hidden"> : {formatMonth(addMonths(period, -1))}</span>
            </a>
          </li>
          <li>
            <a href={paths.month(addMonths(period, 1))}>
              Mois suivant<span class="visually-hidden"> : {formatMonth(addMonths(period, 1))}</span>
            </a>
          </li>
        </ul>
      </nav>
      {notice?.kind === 'run' ? (
        <Notice>
          <p>
            Calcul terminé : {notice.drafts} brouillon{notice.drafts > 1 ? 's' : ''}, {notice.lines} ligne
            {notice.lines > 1 ? 's' : ''}, {formatEuros(notice.totalCents)}.
          </p>
        </Notice>
      ) : null}
      {notice?.kind === 'issued' ? (
        <Notice>
          <p>
            {notice.issued} facture{notice.issued > 1 ? 's' : ''} émise{notice.issued > 1 ? 's' : ''}, du n°{' '}
            {notice.first} au n° {notice.last}. Les familles sont prévenues par courriel.
          </p>
        </Notice>
      ) : null}
      {notice?.kind === 'refused' ? (
        <Notice kind="error">
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      {review.otherDraftPeriods.length > 0 ? (
        <Notice kind="info">
          <p>
            Des brouillons existent pour {review.otherDraftPeriods.map(formatMonth).join(', ')} : calculer ce mois-ci
            les remplace.
          </p>
        </Notice>
      ) : null}

      <h2>1. Calculer les brouillons</h2>
      <p>
        Chaque jour facturable jusqu’à la fin du mois et pas encore facturé est chiffré au tarif de la tranche de la
        famille ce jour-là. Calculer à nouveau remplace les brouillons ; les factures émises ne changent jamais.
      </p>
      <PostForm context={context} action={paths.run}>
        <input type="hidden" name="mois" value={period} />
        <button type="submit" class="button">
          Calculer les brouillons de {formatMonth(period)}
        </button>
      </PostForm>

      <h2>2. Vérifier</h2>
      {review.draftCount === 0 ? (
        <p>Aucun brouillon pour ce mois.</p>
      ) : (
        <ul>
          <li>
            {review.draftCount} brouillon{review.draftCount > 1 ? 's' : ''}, total {formatEuros(review.draftTotalCents)}
          </li>
          <li>{warned} avec un avertissement</li>
          <li>
            {changed === 0
              ? 'Aucun jour modifié depuis le calcul.'
              : `${changed} famille${changed > 1 ? 's' : ''} dont des jours ont changé depuis le calcul : calculez à nouveau avant d’émettre.`}
          </li>
        </ul>
      )}
      {rows.length > 0 ? (
        <TableBox label={`Factures de ${formatMonth(period)}`}>
          <table class="data">
            <caption class="visually-hidden">Les factures de {formatMonth(period)}, brouillons d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">État</th>
                <th scope="col">Numéro</th>
                <th scope="col">Lignes</th>
                <th scope="col">Total</th>
                <th scope="col">Avertissements</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <a href={paths.invoice(row.id)}>
                      <span class="visually-hidden">Facture du dossier </span>
                      {row.reference}
                    </a>
                  </th>
                  <td>{STATUS_LABELS[row.status]}</td>
                  <td>{row.number ?? '—'}</td>
                  <td>{row.lineCount}</td>
                  <td>{formatEuros(row.totalCents)}</td>
                  <td>
                    {[
                      ...row.warnings.map((warning) => WARNING_LABELS[warning] ?? warning),
                      ...(row.changed ? ['Jours modifiés depuis le calcul'] : []),
                    ].join(' ; ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}

      <h2>3. Émettre</h2>
      <p>
        L’émission donne à chaque brouillon son numéro, dans l’ordre des dossiers, et prévient les familles par
        courriel. Une facture émise ne se modifie plus : elle s’annule avec un motif, ou se corrige par un avoir.
      </p>
      <PostForm context={context} action={paths.issue}>
        <input type="hidden" name="mois" value={period} />
        <button type="submit" class="button" disabled={review.draftCount === 0 ? true : undefined}>
          Émettre les factures de {formatMonth(period)}
        </button>
      </PostForm>
    </Layout>
  );
}
