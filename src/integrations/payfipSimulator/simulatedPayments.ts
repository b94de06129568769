/**
 * The simulator's payments, in memory, with the rules the real service applies to them: the checks of
 * creerPaiementSecurise, P5 while no result exists, P1 once purged, P4 after 15 minutes, P3 once used.
 * Times come from the injected clock, so tests move the fifteen minutes instead of waiting them out.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { PayfipMode, PayfipResult } from '../payfip/payfip.js';

export interface SimulatedRegie {
  numcli: string;
  libelleN1: string;
  libelleN2: string;
  libelleN3: string;
}

/** The demo's régie, so that `npm start` in demo mode pays against the simulator as it is. */
export const DEFAULT_REGIES: readonly SimulatedRegie[] = [
  {
    numcli: '123456',
    libelleN1: 'COMMUNE DE CHANTELOUP LES VIGNES',
    libelleN2: 'REGIE ENFANCE PERISCOLAIRE',
    libelleN3: 'GUICHET UNIQUE',
  },
];

/** What the simulator does with the notification of a payment (see `SimulatorControls`). */
export type NotificationMode = 'normal' | 'never' | 'twice' | 'before-result';

export interface SimulatedPayment {
  idOp: string;
  numcli: string;
  exer: string;
  refdet: string;
  objet: string;
  montant: string;
  mel: string;
  saisie: PayfipMode;
  urlnotif: string;
  urlredirect: string;
  createdAt: Date;
  notification: NotificationMode;
  /** Set once the payer chose (or a test settled it): the page cannot be used again (P3). */
  result: { resultrans: PayfipResult; at: Date; numauto: string } | null;
}

/** A functional refusal of the service: its code and its wording. */
export interface ServiceRefusal {
  code: string;
  libelle: string;
}

/** How long a payment page may be opened after its creation. */
export const PAYMENT_PAGE_LIFETIME_MS = 15 * 60_000;

export type CreationFields = Record<
  'exer' | 'mel' | 'montant' | 'numcli' | 'objet' | 'refdet' | 'saisie' | 'urlnotif' | 'urlredirect',
  string
>;

const refusals = {
  T2: 'Client inconnu',
  M2: 'Montant non numérique',
  M3: 'Montant inférieur au minimum autorisé',
  M5: 'Montant supérieur au maximum autorisé',
  R3: 'Référence de la dette invalide',
  A2: 'Adresse électronique invalide',
  // The codes below are the simulator's own: the published ones do not cover these fields.
  E1: 'Exercice invalide',
  O1: 'Objet invalide',
  S1: 'Mode de saisie invalide',
  U1: 'Adresse de notification ou de retour invalide',
  P1: 'Opération inconnue',
  P3: 'Opération déjà utilisée',
  P4: 'Opération expirée',
  P5: "Résultat de l'opération non connu",
} as const;
export type RefusalCode = keyof typeof refusals;

export function refusal(code: RefusalCode): ServiceRefusal {
  return { code, libelle: refusals[code] };
}

export class SimulatedPayments {
  readonly #payments = new Map<string, SimulatedPayment>();

  constructor(
    private readonly clock: Clock,
    private readonly regies: readonly SimulatedRegie[],
  ) {}

  regie(numcli: string): SimulatedRegie | undefined {
    return this.regies.find((regie) => regie.numcli === numcli);
  }

  /** creerPaiementSecurise: the checks of the real service, in its order, then a new idOp. */
  create(fields: CreationFields, notification: NotificationMode): SimulatedPayment | ServiceRefusal {
    const refused = this.#check(fields);
    if (refused) return refusal(refused);
    const payment: SimulatedPayment = {
      ...fields,
      saisie: fields.saisie as PayfipMode,
      idOp: randomUUID(),
      createdAt: this.clock.now(),
      notification,
      result: null,
    };
    this.#payments.set(payment.idOp, payment);
    return payment;
  }

  #check(fields: CreationFields): RefusalCode | null {
    if (!this.regie(fields.numcli)) return 'T2';
    if (!/^\d{4}$/.test(fields.exer)) return 'E1';
    if (!/^\d{1,9}$/.test(fields.montant)) return 'M2';
    const cents = Number(fields.montant);
    if (cents < 100) return 'M3';
    if (cents > 10_000_000) return 'M5';
    if (!/^[A-Za-z0-9]{1,30}$/.test(fields.refdet)) return 'R3';
    if (!isEmailLike(fields.mel)) return 'A2';
    if (!/^[A-Za-z0-9 ]{0,100}$/.test(fields.objet)) return 'O1';
    if (!['T', 'X', 'W'].includes(fields.saisie)) return 'S1';
    if (!isHttpUrl(fields.urlnotif) || !isHttpUrl(fields.urlredirect)) return 'U1';
    return null;
  }

  get(idOp: string): SimulatedPayment | undefined {
    return this.#payments.get(idOp);
  }

  /** Why the payment page of an idOp cannot be shown, or null when it can. */
  pageRefusal(idOp: string): ServiceRefusal | null {
    const payment = this.#payments.get(idOp);
    if (!payment) return refusal('P1');
    if (payment.result) return refusal('P3');
    if (this.clock.now().getTime() - payment.createdAt.getTime() > PAYMENT_PAGE_LIFETIME_MS) return refusal('P4');
    return null;
  }

  /** Records the payer's choice, once, on the clock's time; a paid one gets an authorisation number. */
  settle(idOp: string, resultrans: PayfipResult): SimulatedPayment {
    const payment = this.#payments.get(idOp);
    if (!payment) throw new Error(`unknown idOp ${idOp}`);
    if (payment.result) throw new Error(`idOp ${idOp} already has its result`);
    const paid = resultrans === 'P' || resultrans === 'V';
    payment.result = { resultrans, at: this.clock.now(), numauto: paid ? authorisationNumber() : '' };
    return payment;
  }

  /** The nightly purge: the idOps given (all of them by default) answer P1 from now on. */
  purge(idOp?: string): void {
    if (idOp === undefined) this.#payments.clear();
    else this.#payments.delete(idOp);
  }

  all(): SimulatedPayment[] {
    return [...this.#payments.values()];
  }
}

function isEmailLike(mel: string): boolean {
  return mel.length >= 6 && mel.length <= 80 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mel);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function authorisationNumber(): string {
  return String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
}
