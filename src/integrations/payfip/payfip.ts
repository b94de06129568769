/**
 * PayFiP, the treasury's online payment, in web-service mode (SOAP 1.1, document/literal): the three
 * operations Parvis calls, in the shapes the rest of the code uses. Amounts are integer cents, as the
 * service takes them. The notification PayFiP sends is not signed: only `paymentDetail` tells the truth.
 */

/** `saisie`: test, activation (first real payments of a new régie), production. */
export type PayfipMode = 'T' | 'X' | 'W';

/** `resultrans`: paid by card, paid by direct debit, card refused, direct debit refused, abandoned. */
export type PayfipResult = 'P' | 'V' | 'R' | 'Z' | 'A';

export interface PayfipPaymentRequest {
  /** The régie's client number, 6 digits. */
  numcli: string;
  /** The year the invoice belongs to. */
  exer: number;
  /** The invoice reference: 1 to 30 letters or digits. */
  refdet: string;
  /** ASCII letters, digits and spaces, at most 100 characters. */
  objet: string;
  /** €1 to €100,000, in cents. */
  amountCents: number;
  /** The payer's e-mail, 6 to 80 characters. */
  mel: string;
  urlnotif: string;
  urlredirect: string;
  saisie: PayfipMode;
}

export interface PayfipPaymentDetail {
  idOp: string;
  resultrans: PayfipResult;
  amountCents: number;
  /** The bank's authorisation number, when paid. */
  numauto: string | null;
  /** DDMMYYYY, as PayFiP sends it. */
  dattrans: string;
  /** HHMM, as PayFiP sends it. */
  heurtrans: string;
  refdet: string;
  exer: number;
  numcli: string;
  mel: string;
  objet: string;
  saisie: PayfipMode;
}

export interface PayfipClientDetail {
  numcli: string;
  libelleN1: string;
  libelleN2: string;
  libelleN3: string;
}

/** The four kinds of SOAP fault the service declares. */
export type PayfipFaultKind = 'fonctionnelle' | 'dysfonctionnement' | 'indisponibilite' | 'protocolaire';

/**
 * A fault PayFiP answered with. Codes seen: P1 unknown idOp (or purged), P3 idOp already used, P4 idOp
 * older than 15 minutes, P5 no result yet, M3 amount under €1, M5 amount too high, R3 bad refdet,
 * A2 bad e-mail, T2 unknown numcli.
 */
export class PayfipFault extends Error {
  constructor(
    readonly kind: PayfipFaultKind,
    readonly code: string,
    readonly libelle: string,
    readonly descriptif: string,
    readonly severite: string,
  ) {
    super(`PayFiP fault ${code}: ${libelle}`);
    this.name = 'PayfipFault';
  }
}

/** No usable answer: connection refused, timeout, an HTTP error without a SOAP fault, a body that is not the expected XML. */
export class PayfipUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PayfipUnavailable';
  }
}

/**
 * What Parvis asks of PayFiP. Every method throws `PayfipFault` or `PayfipUnavailable`, nothing else, but
 * for a value XML cannot carry at all (a control character): that is the caller's bug, a RangeError, since
 * the portal checks every field before calling. `createPayfipClient` (`payfipClient.ts`) is the one.
 */
export interface PayfipClient {
  createPayment(request: PayfipPaymentRequest): Promise<{ idOp: string }>;
  paymentDetail(idOp: string): Promise<PayfipPaymentDetail>;
  clientDetail(numcli: string): Promise<PayfipClientDetail>;
  /** Where the citizen is sent to pay: the payment page's address with `?idop=`. */
  paymentPageUrl(idOp: string): string;
}
