/**
 * The simulator's payment page, the stand-in for PayFiP's own: plain HTML, no script, one form whose four
 * buttons are the outcomes a test or a demo needs. It says on every page that no money moves. Written as
 * escaped text rather than JSX so that any test runner loads the simulator as it is.
 */
import { formatEuros } from '../../shared/money.js';
import type { ServiceRefusal, SimulatedPayment, SimulatedRegie } from './simulatedPayments.js';

/** The choices of the page, in the order shown. */
export const PAGE_CHOICES = [
  { value: 'P', label: 'Payer par carte' },
  { value: 'V', label: 'Payer par prélèvement' },
  { value: 'R', label: 'Simuler un refus de la carte' },
  { value: 'A', label: 'Abandonner' },
] as const;

// Contrasts above 4.5:1 on white; the page reflows down to 320 px (buttons stack, nothing is fixed-width).
const STYLE = `
body{margin:0;font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;color:#1b1b1b;background:#fff}
header,main{max-width:40rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #000091}
.service{margin:0;font-weight:700;color:#000091}
.notice{padding:.75rem;border-left:4px solid #6a6a6a;background:#f4f4f4}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:700}dd{margin:0;overflow-wrap:anywhere}
.choices{display:flex;flex-direction:column;gap:.75rem;max-width:24rem}
button{font:inherit;padding:.75rem 1rem;border:2px solid #000091;border-radius:4px;background:#000091;color:#fff;cursor:pointer;text-align:left}
button.secondary{background:#fff;color:#000091}
button:focus-visible{outline:3px solid #1b1b1b;outline-offset:3px}
@media (max-width:30rem){dl{grid-template-columns:1fr}}
`;

/** Text and attribute values: every character that could end either is written as a reference. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(title: string, nonce: string, content: string): string {
  return (
    `<!doctype html><html lang="fr"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)} — PayFiP (simulateur)</title>` +
    `<style nonce="${escapeHtml(nonce)}">${STYLE}</style></head><body>` +
    `<header><p class="service">PayFiP — simulateur de paiement</p></header>` +
    `<main>${content}<p class="notice">Ceci est un simulateur : aucun paiement réel n’est effectué.</p></main>` +
    `</body></html>`
  );
}

export function paymentPage(input: {
  payment: SimulatedPayment;
  regie: SimulatedRegie;
  action: string;
  nonce: string;
}): string {
  const { payment, regie, action, nonce } = input;
  const facts: [string, string][] = [
    ['Bénéficiaire', [regie.libelleN1, regie.libelleN2].filter(Boolean).join(' — ')],
    ['Objet', payment.objet || '—'],
    ['Référence', payment.refdet],
    ['Montant', formatEuros(Number(payment.montant))],
  ];
  const buttons = PAGE_CHOICES.map(
    ({ value, label }) =>
      `<button type="submit" name="choix" value="${value}"${value === 'P' ? '' : ' class="secondary"'}>${escapeHtml(label)}</button>`,
  ).join('');
  return page(
    'Paiement de votre facture',
    nonce,
    `<h1>Paiement de votre facture</h1>` +
      `<dl>${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>` +
      `<form method="post" action="${escapeHtml(action)}">` +
      `<input type="hidden" name="idop" value="${escapeHtml(payment.idOp)}">` +
      `<div class="choices">${buttons}</div></form>`,
  );
}

const ERROR_TEXTS: Record<string, string> = {
  P1: 'Ce paiement est inconnu. Retournez sur le site de votre commune pour en commencer un nouveau.',
  P3: 'Ce paiement a déjà été traité. Retournez sur le site de votre commune pour en connaître le résultat.',
  P4: 'Le délai de 15 minutes pour payer est dépassé. Retournez sur le site de votre commune pour recommencer.',
};

export function errorPage(refusal: ServiceRefusal, nonce: string): string {
  return page(
    'Paiement impossible',
    nonce,
    `<h1>Paiement impossible</h1><p>${escapeHtml(ERROR_TEXTS[refusal.code] ?? refusal.libelle)}</p>` +
      `<p>Code de l’erreur : ${escapeHtml(refusal.code)}.</p>`,
  );
}
