import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatMonth, formatShortDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import { LINE_KIND_LABELS, NO_QF_WORDS } from '../../../domain/invoiceLines.js';
import type { InvoiceWithLines } from '../../../invoicesService.js';
import { reasonLabels } from '../../billingForms.js';
import { billingPaths } from '../billingPaths.js';
import { DoneNotice } from './billingParts.js';
import { AttemptsTable } from '../../../../onlinePayments/http/agent/AttemptsTable.js';
import type { Attempt } from '../../../../onlinePayments/onlinePaymentsService.js';
import { onlinePaymentPaths } from '../../../../onlinePayments/onlinePaymentPaths.js';

const STATUS = { draft: 'Brouillon (sans numéro)', issued: 'Émise', cancelled: 'Annulée' } as const;

const done = {
  annulee: 'La facture est annulée ; ses jours seront facturés au prochain calcul.',
  avoir: 'L’avoir est émis.',
};

export type InvoiceForm = 'cancel' | 'credit';

/** One invoice at the guichet unique: its lines as the family reads them, and its corrections. */
export function InvoicePage({
  context,
  found,
  family,
  attempts,
  failed,
  done: fait,
}: {
  context: PageContext;
  found: InvoiceWithLines;
  family: { reference: string };
  /** Its online payment attempts, newest first. */
  attempts: readonly Attempt[];
  failed?: { form: InvoiceForm; state: FormState };
  done?: string;
}) {
  const paths = billingPaths(context.commune!);
  const { invoice, groups, creditNotes } = found;
  const title = invoice.number ? `Facture ${invoice.number}` : `Brouillon de facture — dossier ${family.reference}`;
  const credited = new Set(creditNotes.flatMap((note) => note.lines.map((line) => line.invoiceLineId)));
  const empty = { values: {}, errors: {} };
  return (
    <Layout context={context} title={failed ? formTitle(title, failed.state) : title}>
      <h1>{title}</h1>
      <p>
        <a href={paths.month(invoice.period)}>Retour à la facturation de {formatMonth(invoice.period)}</a>
      </p>
      <DoneNotice texts={done} done={fait} />
      {failed && invoice.status !== 'issued' ? (
        // Cancelled or corrected meanwhile (another agent, a second click): its forms are gone, so the refusal reads here.
        <Notice kind="error">
          {Object.values(failed.state.errors).map((text) => (
            <p key={text}>{text}</p>
          ))}
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>Dossier</dt>
        <dd>{family.reference}</dd>
        <dt>Période</dt>
        <dd>{formatMonth(invoice.period)}</dd>
        <dt>État</dt>
        <dd>{STATUS[invoice.status]}</dd>
        {invoice.issuedOn ? (
          <>
            <dt>Émise le</dt>
            <dd>{formatShortDay(invoice.issuedOn)}</dd>
            <dt>Paiement en ligne jusqu’au</dt>
            <dd>{formatShortDay(invoice.onlinePaymentUntil!)}</dd>
            <dt>À payer avant le</dt>
            <dd>{formatShortDay(invoice.dueOn!)}</dd>
          </>
        ) : null}
        <dt>Total</dt>
        <dd>{formatEuros(invoice.totalCents)}</dd>
        {creditNotes.length > 0 ? (
          <>
            <dt>Après avoirs</dt>
            <dd>{formatEuros(found.netCents)}</dd>
          </>
        ) : null}
        {invoice.status === 'issued' ? (
          <>
            <dt>Payé</dt>
            <dd>{formatEuros(found.paidCents)}</dd>
          </>
        ) : null}
      </dl>
      {invoice.status === 'cancelled' ? (
        <Notice kind="info">
          <p>Annulée : {invoice.cancelReason}</p>
        </Notice>
      ) : null}
      {invoice.number ? (
        <section aria-labelledby="paiements-en-ligne">
          <h2 id="paiements-en-ligne">Paiements en ligne</h2>
          <AttemptsTable attempts={attempts} />
          <p>
            <a href={onlinePaymentPaths(context.commune!).deskAttempts(invoice.id)}>
              Enregistrer un paiement PayFiP manquant
            </a>
          </p>
        </section>
      ) : null}
      {groups.map((group) => (
        <section key={`${group.memberId}-${group.serviceName}-${group.unitLabel}`}>
          <h2>
            {group.memberName} — {group.serviceName}
            {group.unitLabel !== group.serviceName ? ` (${group.unitLabel})` : ''}
          </h2>
          <TableBox label={`${group.memberName}, ${group.serviceName}`}>
            <table class="data">
              <caption class="visually-hidden">
                Les jours de {group.memberName} à {group.serviceName}, et leur calcul
              </caption>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  <th scope="col">Nature</th>
                  <th scope="col">Tranche</th>
                  <th scope="col">Prix unitaire</th>
                  <th scope="col">Majoration</th>
                  <th scope="col">Montant</th>
                </tr>
              </thead>
              <tbody>
                {group.lines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row">{formatShortDay(line.day)}</th>
                    <td>
                      {LINE_KIND_LABELS[line.kind]}
                      {credited.has(line.id) ? ' (remboursé par avoir)' : ''}
                    </td>
                    <td>
                      {line.nonResident
                        ? 'Hors commune'
                        : line.bracketRank === null
                          ? 'Prix du service'
                          : `Tranche ${line.bracketRank}${line.qfValue === null ? ` (${NO_QF_WORDS})` : ` (QF ${line.qfValue} €)`}`}
                    </td>
                    <td>
                      {formatEuros(line.unitPriceCents)}
                      {line.mealCents !== null ? ` dont repas ${formatEuros(line.mealCents)}` : ''}
                    </td>
                    <td>
                      {line.majorationCents > 0 ? `${formatEuros(line.majorationCents)} (${line.majorationRule})` : '—'}
                    </td>
                    <td>{formatEuros(line.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <p>
            {group.lines.length} jour{group.lines.length > 1 ? 's' : ''} : {formatEuros(group.totalCents)}
          </p>
        </section>
      ))}
      {creditNotes.length > 0 ? (
        <>
          <h2>Avoirs</h2>
          <ul>
            {creditNotes.map((note) => (
              <li key={note.id}>
                Avoir n° {note.number} du {formatShortDay(note.issuedOn)} : {formatEuros(note.amountCents)} —{' '}
                {note.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {invoice.status === 'issued' ? (
        <>
          <h2>Corriger par un avoir</h2>
          <p>
            Cochez les jours facturés à tort : l’avoir, numéroté dans sa propre série, les rembourse sur cette facture.
          </p>
          {found.paidCents > 0 ? (
            <p>
              Cette facture est déjà payée de {formatEuros(found.paidCents)} : ce que l’avoir rembourse au-delà des{' '}
              {formatEuros(Math.max(0, found.netCents - found.paidCents))} qui restent à payer deviendra un crédit de la
              famille, à utiliser sur une autre facture ou à lui rembourser depuis son dossier.
            </p>
          ) : null}
          {failed?.form === 'credit' ? (
            <ErrorSummary
              form={failed.state}
              labels={{ lines: 'Jours remboursés', creditReason: 'Motif de l’avoir' }}
            />
          ) : null}
          <PostForm context={context} action={paths.creditNote(invoice.id)}>
            <fieldset class={failed?.form === 'credit' && failed.state.errors.lines ? 'field field--error' : 'field'}>
              <legend>Jours remboursés</legend>
              {failed?.form === 'credit' && failed.state.errors.lines ? (
                <span class="field__error" id="champ-lines-erreur">
                  <span class="visually-hidden">Erreur : </span>
                  {failed.state.errors.lines}
                </span>
              ) : null}
              {found.lines
                .filter((line) => !credited.has(line.id))
                .map((line, index) => (
                  <div class="choice" key={line.id}>
                    <input
                      type="checkbox"
                      id={index === 0 ? 'champ-lines' : `ligne-${line.id}`}
                      name={`ligne-${line.id}`}
                      value="oui"
                    />
                    <label for={index === 0 ? 'champ-lines' : `ligne-${line.id}`}>
                      {formatShortDay(line.day)}, {line.memberName}, {line.serviceName} :{' '}
                      {formatEuros(line.amountCents)}
                    </label>
                  </div>
                ))}
            </fieldset>
            <TextField
              form={failed?.form === 'credit' ? failed.state : empty}
              name="creditReason"
              label="Motif de l’avoir"
              required
            />
            <button type="submit" class="button">
              Émettre l’avoir
            </button>
          </PostForm>
          <h2>Annuler la facture</h2>
          <p>Le numéro reste, avec le motif ; les jours seront facturés à nouveau au prochain calcul.</p>
          {found.paidCents > 0 ? (
            <p>
              <strong>
                Les {formatEuros(found.paidCents)} déjà payés sur cette facture deviendront un crédit de la famille
              </strong>
              , à utiliser sur une autre facture ou à lui rembourser depuis son dossier.
            </p>
          ) : null}
          {failed?.form === 'cancel' ? <ErrorSummary form={failed.state} labels={reasonLabels} /> : null}
          <PostForm context={context} action={paths.cancel(invoice.id)}>
            <TextField
              form={failed?.form === 'cancel' ? failed.state : empty}
              name="reason"
              label={reasonLabels.reason}
              required
            />
            <button type="submit" class="button button--danger">
              Annuler la facture {invoice.number}
            </button>
          </PostForm>
        </>
      ) : null}
    </Layout>
  );
}
