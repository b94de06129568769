import { TableBox } from '../../../../doors/agent/views/deskParts.js';
import { formatEuros } from '../../../../shared/money.js';
import type { Attempt } from '../../onlinePaymentsService.js';
import { attemptLabel } from '../onlineWording.js';

const instant = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * An invoice's online payment attempts with their states, newest first: on the desk's invoice page
 * (billing's, a shared page part) and on the page of its online payments.
 */
export function AttemptsTable({ attempts }: { attempts: readonly Attempt[] }) {
  return attempts.length === 0 ? (
    <p>Aucun paiement en ligne n’a été commencé pour cette facture.</p>
  ) : (
    <TableBox label="Tentatives de paiement en ligne">
      <table class="data">
        <caption class="visually-hidden">Chaque tentative : date, identifiant PayFiP, montant, état</caption>
        <thead>
          <tr>
            <th scope="col">Commencée le</th>
            <th scope="col">Identifiant PayFiP (idOp)</th>
            <th scope="col">Montant demandé</th>
            <th scope="col">Montant payé</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id}>
              <td>{instant.format(attempt.createdAt)}</td>
              <td>
                <code>{attempt.idOp}</code>
              </td>
              <td>{formatEuros(attempt.amountCents)}</td>
              <td>{attempt.paidCents === null ? '—' : formatEuros(attempt.paidCents)}</td>
              <td>
                {attemptLabel(attempt)}
                {attempt.mode === 'T' ? ' (mode test)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}
