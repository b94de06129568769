import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { WebClient, type WebPage } from '../../../test/browserSession.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import {
  type Fingerprint,
  changedTables,
  fingerprintOf,
  registeredRoutes,
  routesWithParameters,
} from '../../../test/ownershipMatrix.js';
import { childOf, issuedInvoiceOfDays, paidAtDesk } from '../../../test/attestationFactories.js';
import { issuedInvoice } from '../../../test/invoiceFactories.js';
import { addressRequest, deskAgent, requestRow } from '../../../test/requestFactories.js';
import { type TestServices, enrol, setUpServices } from '../../../test/serviceFactories.js';
import { sessionsOfFamily } from '../../../test/sessionFactories.js';
import { pdfOf } from '../../../test/documentFiles.js';
import type { TestApp } from '../../../test/testApp.js';
import { mailbox } from '../../platform/mail/mailSchema.js';
import { isUuid } from '../../shared/ids.js';
import { invoices } from '../billing/billingSchema.js';
import { demarches } from '../demarches/demarchesSchema.js';
import { payfipAttempts } from '../onlinePayments/onlinePaymentsSchema.js';
import { TestClock } from '../../platform/clock.js';
import { usePayfipSimulator } from '../../../test/payfip.js';
import type { Commune } from '../communes/domain/commune.js';

/**
 * The ownership matrix (SECURITY.md « Access control on every object »): every route that names a
 * family, a member, an adult or a request, called over HTTP by each kind of user on the objects of
 * their own family, of another family of the commune, of another commune, on ids that are no uuid
 * or belong to nobody. Whoever does not own the object gets 404 (or, without a session on that door
 * of that commune, the door's login page), sees nothing of it, and writes nothing.
 */

type Slot =
  | 'family'
  | 'member'
  | 'adult'
  | 'request'
  | 'session'
  | 'bookableSession'
  | 'sessionBooking'
  | 'mail'
  | 'invoice'
  | 'payment'
  | 'youngChild'
  | 'document'
  | 'documentFile'
  | 'documentType'
  | 'demarche';
type Door = 'citizen' | 'desk';
type Fields = Record<string, string>;

/** One way of calling a route: which object of a family each id of its address (and query) names. */
interface Use {
  method: 'GET' | 'POST';
  /** The route as it is registered. */
  route: string;
  door: Door;
  ids: Record<string, Slot>;
  /** Ids given in the query string, e.g. the member an edit page of the desk is about. */
  query?: Record<string, Slot>;
  /** Ids a form sends in its fields, e.g. the adult an invitation is for: in every form posted. */
  form?: Record<string, Slot>;
  fixed?: Record<string, string>;
  /**
   * A valid form that changes something when the route lets it through: what a stranger sends.
   * Its owner sends it too, once, to prove that it does write.
   */
  writes?: (ids: Fields) => Promise<Fields> | Fields;
  /** A form that only shows a page (the reservations' summary): strangers send it like the others, but it writes nothing, even for its owner. */
  readsOnly?: boolean;
  /**
   * The ids that name an object of the commune open to every family of it (a holiday session, a
   * published démarche): with another family's ids of the same commune beside them, the call is that
   * family's own; alone in the address, any family of the commune may call it.
   */
  communeWide?: string[];
}

const identity = { firstName: 'Intrus', lastName: 'Intrus', birthDate: '14/05/2018', sex: 'F' };
const health = { allergies: 'Arachide', pai: 'oui', doctorName: 'Docteur Intrus', doctorPhone: '01 39 74 29 12' };

/** The family's own pages that name an object. */
const citizenUses = (): Use[] => [
  { method: 'GET', route: '/:commune/mon-tableau-de-bord/demandes/:id', door: 'citizen', ids: { id: 'request' } },
  {
    method: 'POST',
    route: '/:commune/mon-tableau-de-bord/demandes/:id/messages',
    door: 'citizen',
    ids: { id: 'request' },
    writes: () => ({ message: 'Un message qui ne doit arriver nulle part.' }),
  },
  {
    method: 'POST',
    route: '/:commune/mon-tableau-de-bord/demandes/:id/annuler',
    door: 'citizen',
    ids: { id: 'request' },
    writes: () => ({ confirmation: 'oui' }),
  },
  { method: 'GET', route: '/:commune/ma-famille/membres/:memberId', door: 'citizen', ids: { memberId: 'member' } },
  // « Mes factures »: an invoice's page and its PDF.
  {
    method: 'GET',
    route: '/:commune/ma-famille/factures/:invoiceId',
    door: 'citizen',
    ids: { invoiceId: 'invoice' },
  },
  {
    method: 'GET',
    route: '/:commune/ma-famille/factures/:invoiceId/facture.pdf',
    door: 'citizen',
    ids: { invoiceId: 'invoice' },
  },
  // The attestation fiscale of a child under 6 whose care was paid in 2026.
  {
    method: 'GET',
    route: '/:commune/ma-famille/factures/attestations-fiscales/:year/:memberId/attestation.pdf',
    door: 'citizen',
    ids: { memberId: 'youngChild' },
    fixed: { year: '2026' },
  },
  // « Payer en ligne » (its owner is sent to the PayFiP simulator, an attempt written) and the return page.
  {
    method: 'POST',
    route: '/:commune/ma-famille/factures/:invoiceId/payer-en-ligne',
    door: 'citizen',
    ids: { invoiceId: 'invoice' },
    writes: () => ({}),
  },
  {
    method: 'GET',
    route: '/:commune/ma-famille/factures/:invoiceId/paiement-en-ligne',
    door: 'citizen',
    ids: { invoiceId: 'invoice' },
  },
  {
    method: 'GET',
    route: '/:commune/ma-famille/membres/:memberId/agenda',
    door: 'citizen',
    ids: { memberId: 'member' },
  },
  {
    method: 'GET',
    route: '/:commune/ma-famille/membres/:memberId/agenda/abonnement',
    door: 'citizen',
    ids: { memberId: 'member' },
  },
  {
    method: 'POST',
    route: '/:commune/ma-famille/membres/:memberId/agenda/abonnement',
    door: 'citizen',
    ids: { memberId: 'member' },
    writes: () => ({ action: 'creer' }),
  },
  {
    method: 'POST',
    route: '/:commune/mon-espace/entourage/invitation',
    door: 'citizen',
    ids: {},
    form: { adultId: 'adult' },
    writes: () => ({ email: 'intrus@example.org' }),
  },
  ...(['identity', 'health'] as const).flatMap((group): Use[] => [
    {
      method: 'GET',
      route: '/:commune/ma-famille/membres/:memberId/modifier/:group',
      door: 'citizen',
      ids: { memberId: 'member' },
      fixed: { group },
    },
    {
      method: 'POST',
      route: '/:commune/ma-famille/membres/:memberId/modifier/:group',
      door: 'citizen',
      ids: { memberId: 'member' },
      fixed: { group },
      writes: () => (group === 'identity' ? identity : health),
    },
  ]),
  // « Pièces justificatives »: a document the family sent (its page, a file of it), and the form
  // sending a type (the commune's) for a child (the family's).
  {
    method: 'GET',
    route: '/:commune/mon-tableau-de-bord/pieces-justificatives/:documentId',
    door: 'citizen',
    ids: { documentId: 'document' },
  },
  {
    method: 'GET',
    route: '/:commune/mon-tableau-de-bord/pieces-justificatives/:documentId/fichiers/:fileId',
    door: 'citizen',
    ids: { documentId: 'document', fileId: 'documentFile' },
  },
  {
    method: 'GET',
    route: '/:commune/mon-tableau-de-bord/pieces-justificatives/types/:typeId/enfants/:memberId/envoyer',
    door: 'citizen',
    ids: { typeId: 'documentType', memberId: 'member' },
    communeWide: ['typeId'],
  },
  // « Activités vacances »: the session is the commune's, the child in the form is the family's.
  {
    method: 'POST',
    route: '/:commune/ma-famille/activites-vacances/:sessionId/reserver',
    door: 'citizen',
    ids: { sessionId: 'bookableSession' },
    form: { memberId: 'member' },
    communeWide: ['sessionId'],
    writes: () => ({ confirmation: 'oui' }),
  },
  // A step's address opened again: the family's sessions, for a session of the commune.
  {
    method: 'GET',
    route: '/:commune/ma-famille/activites-vacances/:sessionId/reserver',
    door: 'citizen',
    ids: { sessionId: 'bookableSession' },
    communeWide: ['sessionId'],
  },
  {
    method: 'GET',
    route: '/:commune/ma-famille/activites-vacances/:sessionId/annuler',
    door: 'citizen',
    ids: { sessionId: 'session' },
    communeWide: ['sessionId'],
  },
  {
    method: 'POST',
    route: '/:commune/ma-famille/activites-vacances/:sessionId/annuler',
    door: 'citizen',
    ids: { sessionId: 'session' },
    form: { memberId: 'member' },
    communeWide: ['sessionId'],
    writes: () => ({ confirmation: 'oui' }),
  },
];

/** « Autres démarches »: a published démarche of the commune; a valid form answers each of its questions. */
const demarcheUses = (t: TestApp): Use[] => {
  const route = '/:commune/ma-famille/demarches/:demarcheId';
  const answers = async (ids: Fields): Promise<Fields> => {
    if (!isUuid(ids.demarcheId!)) return { 'q-inconnue': 'Une réponse' };
    const [demarche] = await t.container.database.db.select().from(demarches).where(eq(demarches.id, ids.demarcheId!));
    return Object.fromEntries((demarche?.fields ?? []).map((field) => [`q-${field.id}`, 'Une réponse']));
  };
  return [
    { method: 'GET', route, door: 'citizen', ids: { demarcheId: 'demarche' }, communeWide: ['demarcheId'] },
    {
      method: 'POST',
      route,
      door: 'citizen',
      ids: { demarcheId: 'demarche' },
      communeWide: ['demarcheId'],
      writes: answers,
    },
  ];
};

/** « Modifier les réservations » of a child; `confirmation` is a valid confirmation of one day's booking. */
const reservationUses = (confirmation: () => Promise<Fields>): Use[] => {
  const member = { memberId: 'member' } as const;
  const base = '/:commune/ma-famille/membres/:memberId/reservations';
  const cellOf = async () => (await confirmation()).voulu!.slice(0, 47);
  return [
    { method: 'GET', route: base, door: 'citizen', ids: member },
    { method: 'GET', route: `${base}/semaine-type`, door: 'citizen', ids: member },
    // The cell of the confirmation, `day:serviceId`, as the calendar and the semaine type ask for it.
    {
      method: 'POST',
      route: `${base}/recapitulatif`,
      door: 'citizen',
      ids: member,
      readsOnly: true,
      writes: async () => ({ mois: '2026-11', cellules: await cellOf(), [`r:${await cellOf()}`]: 'jour' }),
    },
    {
      method: 'POST',
      route: `${base}/semaine-type`,
      door: 'citizen',
      ids: member,
      readsOnly: true,
      writes: async () => ({ du: '16/11/2026', au: '20/11/2026', [`j2:${(await cellOf()).slice(11)}`]: 'jour' }),
    },
    { method: 'POST', route: `${base}/confirmer`, door: 'citizen', ids: member, writes: confirmation },
    // « Modifier encore »: the calendar with the cells of a summary, written nowhere.
    { method: 'POST', route: `${base}/modifier`, door: 'citizen', ids: member, readsOnly: true, writes: confirmation },
    // A step's address opened again shows the calendar.
    { method: 'GET', route: `${base}/recapitulatif`, door: 'citizen', ids: member },
    { method: 'GET', route: `${base}/confirmer`, door: 'citizen', ids: member },
    { method: 'GET', route: `${base}/modifier`, door: 'citizen', ids: member },
  ];
};

/** The guichet's pages that name an object. */
/** The family's issued invoice, for the form that pays it with the credit. */
const openInvoiceOf = async (t: TestApp, familyId: string): Promise<string> => {
  if (!isUuid(familyId)) return '';
  const [row] = await t.container.database.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.familyId, familyId), eq(invoices.status, 'issued')));
  return row?.id ?? '';
};

const deskUses = (t: TestApp): Use[] => {
  /** The version the request is at, as its page would send it: a stale one would be refused for another reason. */
  const version = async (id: string | undefined) =>
    String((id ? await requestRow(t, id).catch(() => undefined) : undefined)?.version ?? 0);
  const family = { familyId: 'family' } as const;
  const edits: { group: string; query?: Record<string, Slot>; writes: Fields }[] = [
    { group: 'identite', query: { cible: 'member' }, writes: identity },
    {
      group: 'coordonnees',
      query: { cible: 'adult' },
      writes: {
        email: 'intrus@example.org',
        phone: '06 12 34 56 78',
        homePhone: '',
        workPhone: '',
        preferredContact: 'email',
      },
    },
    {
      group: 'adresse',
      writes: { street: '1 rue des Intrus', streetComplement: '', postcode: '78570', city: 'Chanteloup-les-Vignes' },
    },
  ];
  return [
    { method: 'GET', route: '/:commune/guichet/demandes/:id', door: 'desk', ids: { id: 'request' } },
    {
      method: 'POST',
      route: '/:commune/guichet/demandes/:id/prendre',
      door: 'desk',
      ids: { id: 'request' },
      writes: async (ids) => ({ version: await version(ids.id) }),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/demandes/:id/decision',
      door: 'desk',
      ids: { id: 'request' },
      writes: async (ids) => ({ decision: 'accepter', explanation: 'Accepté.', version: await version(ids.id) }),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/demandes/:id/messages',
      door: 'desk',
      ids: { id: 'request' },
      writes: () => ({ message: 'Un message qui ne doit arriver nulle part.' }),
    },
    { method: 'GET', route: '/:commune/guichet/familles/:familyId', door: 'desk', ids: family },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/adultes/:adultId/cle',
      door: 'desk',
      ids: { ...family, adultId: 'adult' },
      writes: () => ({}),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/adultes/:adultId/cle/revoquer',
      door: 'desk',
      ids: { ...family, adultId: 'adult' },
      writes: () => ({}),
    },
    ...edits.flatMap(({ group, query, writes }): Use[] => [
      {
        method: 'GET',
        route: '/:commune/guichet/familles/:familyId/modifier/:group',
        door: 'desk',
        ids: family,
        query,
        fixed: { group },
      },
      {
        method: 'POST',
        route: '/:commune/guichet/familles/:familyId/modifier/:group',
        door: 'desk',
        ids: family,
        query,
        fixed: { group },
        writes: () => writes,
      },
    ]),
    {
      method: 'GET',
      route: '/:commune/guichet/familles/:familyId/membres/:memberId',
      door: 'desk',
      ids: { ...family, memberId: 'member' },
    },
    {
      method: 'GET',
      route: '/:commune/guichet/familles/:familyId/membres/:memberId/sante',
      door: 'desk',
      ids: { ...family, memberId: 'member' },
    },
    { method: 'GET', route: '/:commune/guichet/familles/:familyId/quotient-familial', door: 'desk', ids: family },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/quotient-familial',
      door: 'desk',
      ids: family,
      writes: () => ({ value: '742', source: 'caf', validFrom: '01/01/2027', validTo: '31/12/2027' }),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/quotient-familial/residence',
      door: 'desk',
      ids: family,
      writes: () => ({ nonResident: 'oui' }),
    },
    { method: 'GET', route: '/:commune/guichet/familles/:familyId/nouveau-membre', door: 'desk', ids: family },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/nouveau-membre',
      door: 'desk',
      ids: family,
      writes: () => ({
        firstName: 'Intrus',
        lastName: 'Intrus',
        birthDate: '02/03/2021',
        sex: 'F',
        relation: 'enfant',
      }),
    },
    // A document of the family: read (audited), a file of it, validated, refused.
    { method: 'GET', route: '/:commune/guichet/pieces/:documentId', door: 'desk', ids: { documentId: 'document' } },
    {
      method: 'GET',
      route: '/:commune/guichet/pieces/:documentId/fichiers/:fileId',
      door: 'desk',
      ids: { documentId: 'document', fileId: 'documentFile' },
    },
    {
      method: 'POST',
      route: '/:commune/guichet/pieces/:documentId/valider',
      door: 'desk',
      ids: { documentId: 'document' },
      writes: () => ({ validFrom: '10/11/2026', validUntil: '31/08/2027' }),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/pieces/:documentId/refuser',
      door: 'desk',
      ids: { documentId: 'document' },
      writes: () => ({ reason: 'Les pages des vaccins manquent.' }),
    },
    // « Renvoyer » a mail of the commune that the relay refused (one per family's représentante).
    {
      method: 'POST',
      route: '/:commune/guichet/courriels-en-echec/:mailId/renvoyer',
      door: 'desk',
      ids: { mailId: 'mail' },
      writes: () => ({}),
    },
    // A family's payments: the list, « Enregistrer un paiement », the cancel of a payment with its reason.
    { method: 'GET', route: '/:commune/guichet/familles/:familyId/paiements', door: 'desk', ids: family },
    {
      method: 'GET',
      route: '/:commune/guichet/facturation/factures/:invoiceId/paiements-en-ligne',
      door: 'desk',
      ids: { invoiceId: 'invoice' },
    },
    { method: 'GET', route: '/:commune/guichet/familles/:familyId/paiements/nouveau', door: 'desk', ids: family },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/paiements/nouveau',
      door: 'desk',
      ids: family,
      writes: () => ({ means: 'especes', amount: '1,00', receivedOn: '02/11/2026', payer: 'Intrus', split: 'auto' }),
    },
    // The family's credit: its page, paying an invoice with it, refunding it.
    { method: 'GET', route: '/:commune/guichet/familles/:familyId/paiements/credit', door: 'desk', ids: family },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/paiements/credit/utiliser',
      door: 'desk',
      ids: family,
      writes: async (ids) => ({ creditInvoice: await openInvoiceOf(t, ids.familyId!), creditAmount: '1,00' }),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/paiements/credit/rembourser',
      door: 'desk',
      ids: family,
      writes: () => ({
        refundAmount: '1,00',
        refundMeans: 'virement',
        refundedOn: '02/11/2026',
        refundReason: 'Intrusion',
      }),
    },
    {
      method: 'GET',
      route: '/:commune/guichet/familles/:familyId/paiements/:paymentId/annuler',
      door: 'desk',
      ids: { ...family, paymentId: 'payment' },
    },
    {
      method: 'POST',
      route: '/:commune/guichet/familles/:familyId/paiements/:paymentId/annuler',
      door: 'desk',
      ids: { ...family, paymentId: 'payment' },
      writes: () => ({ reason: 'Intrusion' }),
    },
    // The family's attestations fiscales at the desk, and the PDF of its young child's 2026.
    {
      method: 'GET',
      route: '/:commune/guichet/familles/:familyId/paiements/attestations-fiscales',
      door: 'desk',
      ids: family,
    },
    {
      method: 'GET',
      route: '/:commune/guichet/familles/:familyId/paiements/attestations-fiscales/:year/:memberId/attestation.pdf',
      door: 'desk',
      ids: { ...family, memberId: 'youngChild' },
      fixed: { year: '2026' },
    },
    // A holiday session's page and its two actions on a booking of it (a waiting entry, with a place free).
    { method: 'GET', route: '/:commune/guichet/sessions/:sessionId', door: 'desk', ids: { sessionId: 'session' } },
    {
      method: 'POST',
      route: '/:commune/guichet/sessions/:sessionId/inscrire',
      door: 'desk',
      ids: { sessionId: 'session' },
      form: { bookingId: 'sessionBooking' },
      writes: () => ({ confirmation: 'oui', reason: 'Intrusion' }),
    },
    {
      method: 'POST',
      route: '/:commune/guichet/sessions/:sessionId/retirer',
      door: 'desk',
      ids: { sessionId: 'session' },
      form: { bookingId: 'sessionBooking' },
      writes: () => ({ confirmation: 'oui', reason: 'Intrusion' }),
    },
  ];
};

/** Routes with a parameter that names no family's object, and why they are not in the matrix. */
/** The administrators' set-up of the commune names no family's object; 404 for everyone else is proven by its own matrix. */
const SET_UP =
  'the commune’s set-up, not a family’s object: its own matrix in services/http/agent/servicesSettingsAccess.int.test.ts';

/** The régie's invoices are made by a month's run, not by a family file: their own commune check in billing/http/agent/billingPages.int.test.ts. */
const INVOICES =
  'the régie’s invoices, reached only by the commune’s agents: another commune’s or a guessed id is a 404 in billing/http/agent/billingPages.int.test.ts';

const outsideTheMatrix: Record<string, string> = {
  'GET /assets/:name': 'the static files',
  'GET /:commune/logo/:version': 'the commune’s logo',
  'GET /:commune/actualites/:id': 'the commune’s news, the same for every family',
  'GET /:commune/agenda/:token.ics':
    'a secret link, no id: an unknown or revoked token is a 404 (agendaRoutes.int.test.ts)',
  'GET /:commune/boite-mail-demo/:id': 'the demo mode’s mail box, not served in production',
  'GET /:commune/mon-tableau-de-bord/coordonnees/modifier/:group':
    'no id: the family and the adult are the session’s (checked below with the pages without an id)',
  'POST /:commune/mon-tableau-de-bord/coordonnees/modifier/:group': 'no id: the family and the adult are the session’s',
  'GET /:commune/mon-tableau-de-bord/pieces-justificatives/types/:typeId/envoyer':
    'a document type of the commune, the same for every family: the family is the session’s',
  'POST /:commune/mon-tableau-de-bord/pieces-justificatives/types/:typeId/envoyer':
    'a multipart form (files): its owners and strangers in documents/http/citizen/documentRoutes.int.test.ts',
  'POST /:commune/mon-tableau-de-bord/pieces-justificatives/types/:typeId/enfants/:memberId/envoyer':
    'a multipart form (files): its owners and strangers in documents/http/citizen/documentRoutes.int.test.ts',
  'POST /:commune/guichet/agents/:agentId/role': 'the commune’s agents, not a family’s object',
  'POST /:commune/guichet/agents/:agentId/desactiver': 'the commune’s agents, not a family’s object',
  'POST /:commune/guichet/agents/:agentId/reactiver': 'the commune’s agents, not a family’s object',
  'POST /:commune/guichet/agents/:agentId/invitation': 'the commune’s agents, not a family’s object',
  'GET /:commune/guichet/parametres/annees-scolaires/:yearId': SET_UP,
  'POST /:commune/guichet/parametres/annees-scolaires/:yearId': SET_UP,
  'GET /:commune/guichet/parametres/calendrier/periodes/:periodId': SET_UP,
  'POST /:commune/guichet/parametres/calendrier/periodes/:periodId': SET_UP,
  'POST /:commune/guichet/parametres/calendrier/periodes/:periodId/supprimer': SET_UP,
  'GET /:commune/guichet/parametres/services/:serviceId': SET_UP,
  'POST /:commune/guichet/parametres/services/:serviceId': SET_UP,
  'GET /:commune/guichet/parametres/sessions/:sessionId': SET_UP,
  'POST /:commune/guichet/parametres/sessions/:sessionId': SET_UP,
  'GET /:commune/guichet/parametres/tarifs/sessions/:sessionId': SET_UP,
  'POST /:commune/guichet/parametres/tarifs/sessions/:sessionId': SET_UP,
  'GET /:commune/guichet/facturation/factures/:invoiceId': INVOICES,
  'POST /:commune/guichet/facturation/factures/:invoiceId/annuler': INVOICES,
  'POST /:commune/guichet/facturation/factures/:invoiceId/avoir': INVOICES,
  'POST /:commune/guichet/facturation/factures/:invoiceId/paiements-en-ligne/manquant':
    'writes only what PayFiP confirms paid to the commune’s régie for that invoice: refusals and another commune’s 404 in onlinePayments/http/onlinePaymentPages.int.test.ts and onlinePayments.int.test.ts',
  'GET /:commune/guichet/parametres/pieces/:typeId': SET_UP,
  'POST /:commune/guichet/parametres/pieces/:typeId': SET_UP,
  ...Object.fromEntries(
    [
      'GET /:commune/guichet/parametres/demarches/:demarcheId',
      'POST /:commune/guichet/parametres/demarches/:demarcheId',
      'POST /:commune/guichet/parametres/demarches/:demarcheId/publication',
      'POST /:commune/guichet/parametres/demarches/:demarcheId/questions',
      'GET /:commune/guichet/parametres/demarches/:demarcheId/questions/:fieldId',
      'POST /:commune/guichet/parametres/demarches/:demarcheId/questions/:fieldId',
      'POST /:commune/guichet/parametres/demarches/:demarcheId/questions/:fieldId/retirer',
      'POST /:commune/guichet/parametres/demarches/:demarcheId/questions/:fieldId/monter',
    ].map((route) => [
      route,
      'the commune’s set-up of its démarches, not a family’s object: its own checks in demarches/http/demarches.int.test.ts',
    ]),
  ),
};

/** The family pages that take no id: they can only show the session's own family. */
const SESSION_FAMILY_PAGES = [
  '/:commune/ma-famille',
  '/:commune/mon-tableau-de-bord',
  '/:commune/mon-espace/entourage',
];

interface Fixture {
  name: string;
  commune: Commune;
  reference: string;
  lastName: string;
  ids: Record<Slot, string>;
}

interface Actor {
  name: string;
  client: WebClient;
  /** The commune whose citizen door this browser is logged into, and the family it is linked to. */
  citizenIn?: Commune;
  family?: Fixture;
  /** The commune whose guichet this browser is logged into. */
  agentIn?: Commune;
  /** An agent whose role opens none of the family files or requests: the guichet's home page only. */
  withoutRights?: boolean;
  /** Whether this user tries every choice of ids on their own door, or only F1's objects. */
  explores?: boolean;
}

/** Whose ids an address holds: one family's, or a mix, or one that is no uuid or nobody's. */
interface Choice {
  label: string;
  /** The family that owns every id of the address, or null. */
  owner: Fixture | null;
  pick(key: string, slot: Slot, index: number): string;
}

type Expected = 'page' | 'not-found' | 'login';

/** Each run is thousands of HTTP calls that grow with every route; on PGlite, on a busy machine, more than the default. */
const MATRIX_TIMEOUT = 300_000;

const UNKNOWN = '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f';

/** The names of a use's ids, in the order a mix of two families' ids is made: the address's, the query's, the form's. */
const idKeysOf = (use: Use) => [
  ...Object.keys(use.ids),
  ...Object.keys(use.query ?? {}),
  ...Object.keys(use.form ?? {}),
];

describe.each(testDatabases())('the ownership matrix on $name', ({ open }) => {
  // Each call comes from its own address (X-Forwarded-For), see `send`.
  const clock = new TestClock();
  const payfip = usePayfipSimulator(clock);
  const { t } = useTestApp(open, () => ({ trustProxy: true, clock, payfip: payfip.client() }));
  let communeA: Commune;
  let communeB: Commune;
  let f1: Fixture;
  let f2: Fixture;
  let fB: Fixture;
  let actors: Actor[];
  let uses: Use[];

  /** A family of the commune with its représentante logged in, a child, a co-représentant without an account, and an open request. */
  const servicesOf = new Map<string, TestServices>();
  let loginAddresses = 0;
  const family = async (name: string, commune: Commune, logIn = true) => {
    // Each family logs in from its own address: the matrix makes more families than one address may log in.
    const login = ++loginAddresses;
    const made = await linkedParent(t, commune, undefined, {
      logIn,
      browser: new WebClient(t.origin, { 'x-forwarded-for': `172.16.${(login >> 8) & 255}.${login & 255}` }),
    });
    // The child may book the canteen: a confirmation of « Modifier les réservations » writes.
    if (!servicesOf.has(commune.id)) {
      await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
      // « Payer en ligne » is offered: its owner's form writes an attempt.
      await t.container.payfipSettings.save(
        commune,
        { enabled: true, numcli: '123456', mode: 'W' },
        { kind: 'system' },
        '',
      );
    }
    const set = servicesOf.get(commune.id) ?? (await setUpServices(t.container, commune));
    servicesOf.set(commune.id, set);
    await enrol(t.container, commune, {
      familyId: made.family.id,
      memberId: made.child.id,
      serviceId: set.services.restauration.id,
      schoolYearId: set.schoolYear.id,
    });
    const request = await addressRequest(t, commune, made, `${name} rue des Demandes`);
    // A carnet de vaccination of the child, waiting at the desk.
    const types = await t.container.documentTypes.types(commune);
    const vaccinations = types.find((type) => type.code === 'vaccinations')!;
    const sent = await t.container.documents.upload(
      commune,
      made.family.id,
      { citizenId: made.citizen.id, actor: { kind: 'citizen', id: made.citizen.id } },
      { typeId: vaccinations.id, memberId: made.child.id, files: [{ name: 'carnet.pdf', bytes: await pdfOf(name) }] },
    );
    if (!sent.ok) throw new Error(`the fixture's document was refused: ${sent.reason}`);
    const shownDocument = await t.container.documents.forFamily(commune, made.family.id, sent.document.id);
    const fixture: Fixture = {
      name,
      commune,
      reference: made.family.reference,
      lastName: made.representative.lastName,
      // The co-représentant has no account: the desk can give them a Clé Enfance.
      ids: {
        family: made.family.id,
        member: made.child.id,
        adult: made.coRepresentative.id,
        request,
        document: sent.document.id,
        documentFile: shownDocument!.files[0]!.id,
        documentType: vaccinations.id,
        mail: await failedMail(commune, `${name.toLowerCase()}-${made.family.reference.toLowerCase()}@example.org`),
        // A session of the commune where the child waits while a place is free, one it has not booked, and its waiting entry.
        ...(await sessionsOfFamily(t, commune, set, { familyId: made.family.id, memberId: made.child.id, name })),
        ...(await invoiceAndPayment(commune, made)),
        youngChild: await paidYoungChild(commune, made.family.id),
        demarche: await publishedDemarche(commune, name),
      },
    };
    return { fixture, client: made.client };
  };

  /**
   * An issued invoice of the family, paid 1 € at the guichet by a payment of 2 € (the other euro is the
   * family's credit): what « Mes factures », the desk's payments and the credit's forms name.
   */
  const invoiceAndPayment = async (commune: Commune, made: Awaited<ReturnType<typeof linkedParent>>) => {
    const invoice = await issuedInvoice(t.container, commune, {
      familyId: made.family.id,
      memberId: made.child.id,
      memberName: made.child.firstName,
    });
    const paid = await t.container.payments.record(
      commune,
      made.family.id,
      {
        means: 'especes',
        amountCents: 200,
        receivedOn: '2026-11-01',
        payer: 'X',
        chequeNumber: null,
        chequeBank: null,
        allocations: [{ invoiceId: invoice.id, amountCents: 100 }],
        remainderToCredit: true,
      },
      { kind: 'system' },
      '',
    );
    if (!paid.ok) throw new Error(`the matrix's payment: ${paid.reason}`);
    // An online payment the family abandoned: what its return page shows.
    await t.container.database.db.insert(payfipAttempts).values({
      communeId: commune.id,
      idOp: randomUUID(),
      invoiceId: invoice.id,
      familyId: made.family.id,
      amountCents: 2350,
      mode: 'W',
      createdAt: new Date('2026-11-01T10:00:00Z'),
      createdByCitizenId: made.citizen.id,
      payer: made.citizen.email,
      state: 'abandoned',
      result: 'A',
      settledAt: new Date('2026-11-01T10:05:00Z'),
    });
    return { invoice: invoice.id, payment: paid.paymentId };
  };

  /** A child under 6 on 1 January 2026 whose evening was paid in 2026: what the attestation fiscale names. */
  const paidYoungChild = async (commune: Commune, familyId: string) => {
    const young = await childOf(t.container, commune, familyId, {
      firstName: 'Léo',
      lastName: 'Cadet',
      birthDate: '2022-03-01',
    });
    const invoice = await issuedInvoiceOfDays(t.container, commune, familyId, '2026-09', [
      { memberId: young.id, memberName: 'Léo', service: 'soir', day: '2026-09-01', unitPriceCents: 245 },
    ]);
    await paidAtDesk(t.container, commune, familyId, '2026-10-15', [{ invoiceId: invoice.id, amountCents: 245 }]);
    return young.id;
  };

  /** A published démarche of the commune with one required question: every family of it may send it. */
  const publishedDemarche = async (commune: Commune, name: string) => {
    const [row] = await t.container.database.db
      .insert(demarches)
      .values({
        communeId: commune.id,
        title: `Démarche ${name}`,
        fields: [
          {
            id: randomUUID(),
            label: 'Objet',
            hint: '',
            kind: 'short-text',
            required: true,
            options: [],
            dateRange: 'any',
          },
        ],
        published: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning({ id: demarches.id });
    return row!.id;
  };

  /** A mail of the commune the relay refused, as the mailer leaves it. */
  const failedMail = async (commune: Commune, to: string) => {
    const [row] = await t.container.database.db
      .insert(mailbox)
      .values({
        communeId: commune.id,
        from: 'mairie@example.org',
        to,
        subject: 'Votre demande',
        text: 'Bonjour.',
        html: '<p>Bonjour.</p>',
        status: 'failed',
        attempts: 1,
        lastError: 'Refusé.',
      })
      .returning({ id: mailbox.id });
    return row!.id;
  };

  beforeAll(async () => {
    communeA = await createCommune(t.container.communes);
    communeB = await createCommune(t.container.communes);
    const one = await family('F1', communeA);
    const two = await family('F2', communeA);
    const other = await family('FB', communeB);
    [f1, f2, fB] = [one.fixture, two.fixture, other.fixture];
    const agentA = await deskAgent(t, communeA);
    const agentB = await deskAgent(t, communeB);
    const animateurA = await deskAgent(t, communeA, { role: 'animateur' });
    actors = [
      { name: 'représentante of F1', client: one.client, citizenIn: communeA, family: f1, explores: true },
      {
        name: 'représentante of F2 (same commune)',
        client: two.client,
        citizenIn: communeA,
        family: f2,
        explores: true,
      },
      {
        name: 'représentante of FB (commune B)',
        client: other.client,
        citizenIn: communeB,
        family: fB,
        explores: true,
      },
      { name: 'agent of A', client: agentA.client, agentIn: communeA, explores: true },
      { name: 'agent of B', client: agentB.client, agentIn: communeB, explores: true },
      { name: 'animateur of A', client: animateurA.client, agentIn: communeA, withoutRights: true },
      { name: 'visitor', client: new WebClient(t.origin) },
    ];
    // One canteen day of commune A, on time: the plan (and so the summary's fingerprint) is the same for every child who has not booked it.
    const confirmation = async (): Promise<Fields> => {
      const wanted = [
        { day: '2026-11-17', serviceId: servicesOf.get(communeA.id)!.services.restauration.id, unit: 'jour' },
      ];
      const summary = await t.container.bookings.preview(communeA.id, f1.ids.family, f1.ids.member, wanted);
      return { mois: '2026-11', voulu: `2026-11-17:${wanted[0]!.serviceId}:jour`, apercu: summary!.fingerprint };
    };
    uses = [...citizenUses(), ...reservationUses(confirmation), ...demarcheUses(t), ...deskUses(t)];
  });

  const loginOf = (door: Door, commune: Commune) =>
    door === 'citizen' ? `/${commune.slug}/connexion` : `/${commune.slug}/guichet/connexion`;

  /** What this user should get from this door of this commune for these ids. */
  const expected = (actor: Actor, use: Use, commune: Commune, choice: Choice): Expected => {
    const door = use.door;
    const session = door === 'citizen' ? actor.citizenIn : actor.agentIn;
    if (session?.id !== commune.id) return 'login';
    if (!choice.owner) return 'not-found';
    // An object of the commune alone in the address (a published démarche) is every family of the commune's.
    const communeWideOnly = idKeysOf(use).every((key) => use.communeWide?.includes(key));
    const sameCommune = communeWideOnly && actor.family?.commune.id === choice.owner.commune.id;
    if (door === 'citizen') return actor.family === choice.owner || sameCommune ? 'page' : 'not-found';
    return choice.owner.commune.id === commune.id && !actor.withoutRights ? 'page' : 'not-found';
  };

  /** Whether this user may read anything of that family anywhere: what a refused page must not show. */
  const mayKnow = (actor: Actor, fixture: Fixture) =>
    actor.family === fixture || (actor.agentIn?.id === fixture.commune.id && !actor.withoutRights);

  /** Whether a page names that family: its file's reference or its name (written in capitals or not). */
  const shows = (page: WebPage, fixture: Fixture) => {
    const html = page.html.toLocaleLowerCase('fr-FR');
    return (
      html.includes(fixture.reference.toLocaleLowerCase('fr-FR')) ||
      html.includes(fixture.lastName.toLocaleLowerCase('fr-FR'))
    );
  };

  /** The CSRF token this browser's forms carry on this door of this commune: the session's, or the visitor's. */
  const tokens = new WeakMap<WebClient, Map<string, string>>();
  const tokenOf = async (actor: Actor, door: Door, commune: Commune) => {
    const key = `${door} ${commune.id}`;
    if (!tokens.has(actor.client)) tokens.set(actor.client, new Map());
    const known = tokens.get(actor.client)!.get(key);
    if (known) return known;
    const session = door === 'citizen' ? actor.citizenIn : actor.agentIn;
    const page =
      session?.id === commune.id
        ? door === 'citizen'
          ? `/${commune.slug}/mon-accueil`
          : `/${commune.slug}/guichet`
        : loginOf(door, commune);
    const seen = await actor.client.get(page);
    if (seen.status !== 200 || !actor.client.csrfToken)
      throw new Error(`${actor.name}: no form on ${page} (${seen.status})`);
    tokens.get(actor.client)!.set(key, actor.client.csrfToken);
    return actor.client.csrfToken;
  };

  const choicesFor = (use: Use): Choice[] => {
    const keys = idKeysOf(use);
    const own = (fixture: Fixture): Choice => ({
      label: `${fixture.name}’s ids`,
      owner: fixture,
      pick: (_key, slot) => fixture.ids[slot],
    });
    const mixed = (first: Fixture, rest: Fixture): Choice => ({
      label: `${first.name}’s ${keys[0]} with ${rest.name}’s other ids`,
      owner: use.communeWide?.includes(keys[0]!) && first.commune.id === rest.commune.id ? rest : null,
      pick: (_key, slot, index) => (index === 0 ? first : rest).ids[slot],
    });
    const broken = (key: string, value: string, label: string): Choice => ({
      label: `F1’s ids with ${label} as ${key}`,
      owner: null,
      pick: (k, slot) => (k === key ? value : f1.ids[slot]),
    });
    return [
      own(f1),
      own(f2),
      own(fB),
      ...(keys.length > 1 ? [mixed(f1, f2), mixed(f1, fB)] : []),
      ...keys.flatMap((key) => [broken(key, 'pas-un-uuid', 'no uuid'), broken(key, UNKNOWN, 'nobody’s uuid')]),
    ];
  };

  /** The address of a use, in a commune, with the ids of a choice; and those ids by name. */
  const addressOf = (use: Use, commune: Commune, choice: Choice) => {
    const slots: Record<string, Slot> = { ...use.ids, ...use.query, ...use.form };
    const ids: Fields = Object.fromEntries(
      idKeysOf(use).map((key, index) => [key, choice.pick(key, slots[key]!, index)]),
    );
    const path = use.route.replace(/:(\w+)/g, (_, name: string) => {
      const value = name === 'commune' ? commune.slug : (use.fixed?.[name] ?? ids[name]);
      if (value === undefined) throw new Error(`${use.route}: nothing for :${name}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams(Object.keys(use.query ?? {}).map((key) => [key, ids[key]!]));
    const form = Object.fromEntries(Object.keys(use.form ?? {}).map((key) => [key, ids[key]!]));
    return { path: query.toString() ? `${path}?${query}` : path, ids, form };
  };

  /**
   * One call with this browser's cookies, from an address of its own: the per-address limits of
   * some forms (a different check) must not answer in place of the ownership check.
   */
  let addresses = 0;
  const send = async (
    actor: Actor,
    use: Pick<Use, 'method' | 'door'>,
    commune: Commune,
    path: string,
    fields: Fields | null = null,
  ): Promise<WebPage> => {
    const n = ++addresses;
    // The token first: fetching it may give the browser its CSRF cookie.
    const token = use.method === 'POST' ? await tokenOf(actor, use.door, commune) : '';
    const headers: Record<string, string> = {
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      cookie: actor.client
        .cookieNames()
        .map((name) => `${name}=${actor.client.cookie(name)}`)
        .join('; '),
    };
    let body: string | undefined;
    if (use.method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: token, ...fields }).toString();
    }
    const response = await fetch(t.origin + path, { method: use.method, headers, body, redirect: 'manual' });
    return {
      status: response.status,
      headers: response.headers,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  };

  /**
   * Runs every call of these uses and returns what went against the matrix. Each user reaches the
   * objects of F1 in commune A; the users who explore also try, on the door they are logged into
   * and in their own commune, every other family's ids, mixed ids, ids that are no uuid or nobody's.
   * The owner posts an empty form (its answer may be the form's errors); everybody else posts both
   * an empty form (whose error page must not show the object) and one that would write.
   */
  const runMatrix = async (selected: Use[]) => {
    const failures: string[] = [];
    let calls = 0;
    // What the tables held after the last refused call: still true unless an owner's call came since.
    let last: Fingerprint | null = null;
    for (const use of selected) {
      for (const actor of actors) {
        for (const commune of [communeA, communeB]) {
          const session = use.door === 'citizen' ? actor.citizenIn : actor.agentIn;
          for (const choice of choicesFor(use)) {
            if (!(actor.explores && session?.id === commune.id) && !(commune === communeA && choice.owner === f1))
              continue;
            const want = expected(actor, use, commune, choice);
            const { path, ids, form } = addressOf(use, commune, choice);
            const bodies: { label: string; fields: Fields | null }[] =
              use.method === 'GET'
                ? [{ label: '', fields: null }]
                : [
                    { label: ' (empty form)', fields: form },
                    ...(want === 'page'
                      ? []
                      : [{ label: ' (a form that writes)', fields: { ...(await use.writes!(ids)), ...form } }]),
                  ];
            for (const { label, fields: body } of bodies) {
              calls++;
              const sent = Object.keys(form).length > 0 ? ` with ${new URLSearchParams(form)}` : '';
              const what = `${actor.name}: ${use.method} ${path}${sent}${label} [${choice.label}]`;
              const before = want === 'page' ? null : (last ?? (await fingerprintOf(t, [communeA, communeB])));
              const page = await send(actor, use, commune, path, body);
              const got = `${page.status}${page.location ? ` → ${page.location}` : ''}`;
              if (want === 'page') {
                const login =
                  page.location?.startsWith(loginOf(use.door, commune)) ||
                  page.location?.includes('/double-authentification');
                const fine =
                  use.method === 'GET' ? page.status === 200 : [200, 303, 400, 409].includes(page.status) && !login;
                if (!fine) failures.push(`${what}: expected its page, got ${got}`);
                else if (page.status === 200 && page.headers.get('cache-control') !== 'no-store')
                  failures.push(`${what}: a page behind a login without Cache-Control: no-store`);
                last = null;
                continue;
              }
              if (want === 'not-found' && page.status !== 404) failures.push(`${what}: expected 404, got ${got}`);
              if (want === 'login' && !(page.status === 303 && page.location?.startsWith(loginOf(use.door, commune)))) {
                failures.push(
                  `${what}: expected the ${use.door} login of ${commune === communeA ? 'A' : 'B'}, got ${got}`,
                );
              }
              for (const fixture of [f1, f2, fB]) {
                if (!mayKnow(actor, fixture) && shows(page, fixture))
                  failures.push(`${what}: the answer shows ${fixture.name}`);
              }
              // Read again unless the database is provably as it was at `before` (test/ownershipMatrix.ts).
              last = await fingerprintOf(t, [communeA, communeB], before!);
              const changed = changedTables(before!, last);
              if (changed.length > 0) failures.push(`${what}: wrote ${changed.join(', ')}`);
            }
          }
        }
      }
    }
    return { failures, calls };
  };

  it('has a row for every route of the app that takes a family’s, member’s, adult’s or request’s id', () => {
    const registered = routesWithParameters(t.app);
    expect(registered.length, 'the routes were read from Fastify').toBeGreaterThan(20);
    const byAddress = uses.filter((use) => Object.keys(use.ids).length > 0);
    const covered = new Set(byAddress.map((use) => `${use.method} ${use.route}`));
    // A form's ids are not in the route: these routes are only checked to exist.
    for (const use of uses.filter((u) => Object.keys(u.ids).length === 0))
      expect(t.app.hasRoute({ method: use.method, url: use.route }), use.route).toBe(true);
    const explained = new Set(Object.keys(outsideTheMatrix));
    expect([...covered].filter((route) => explained.has(route))).toEqual([]);
    expect(
      [...new Set([...covered, ...explained])].sort(),
      'a route with an id needs its row in the matrix (or its reason to be outside)',
    ).toEqual(registered);
    expect(covered.size).toBe(67);
  });

  it(
    'the family’s pages: only the family that owns the object opens it, every other user gets 404 or the login page, and nothing is written',
    async () => {
      const { failures, calls } = await runMatrix(uses.filter((use) => use.door === 'citizen'));
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(100);
    },
    MATRIX_TIMEOUT,
  );

  it(
    'the guichet: the agents of the family’s commune open its objects, another commune’s agent gets 404, families get the desk’s login, and nothing is written',
    async () => {
      const { failures, calls } = await runMatrix(uses.filter((use) => use.door === 'desk'));
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(300);
    },
    MATRIX_TIMEOUT,
  );

  it('the family pages without an id show the session’s own family only, and open to nobody else', async () => {
    const pages = registeredRoutes(t.app)
      .filter(
        (route) =>
          route.method === 'GET' &&
          SESSION_FAMILY_PAGES.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`)),
      )
      .flatMap((route) =>
        route.url.endsWith(':group')
          ? ['address', 'contact'].map((group) => route.url.replace(':group', group))
          : [route.url],
      )
      .filter((url) => !url.replace('/:commune', '').includes(':'));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const failures: string[] = [];
    for (const url of pages) {
      const path = url.replace(':commune', communeA.slug);
      for (const actor of actors) {
        const page = await send(actor, { method: 'GET', door: 'citizen' }, communeA, path);
        const what = `${actor.name}: GET ${path}`;
        if (actor.citizenIn === communeA) {
          if (page.status !== 200) failures.push(`${what}: expected its page, got ${page.status}`);
        } else if (!(page.status === 303 && page.location?.startsWith(loginOf('citizen', communeA)))) {
          failures.push(`${what}: expected the citizen login of A, got ${page.status} ${page.location ?? ''}`);
        }
        for (const fixture of [f1, f2, fB]) {
          if (actor.family !== fixture && shows(page, fixture))
            failures.push(`${what}: the answer shows ${fixture.name}`);
        }
      }
    }
    expect(failures).toEqual([]);
    const own = await actors[0]!.client.get(`/${communeA.slug}/ma-famille`);
    expect(shows(own, f1), 'the check above would see a family on its pages').toBe(true);
  });

  it('the forms the strangers sent are valid: sent by the owner, each one writes', async () => {
    const agentA = actors.find((actor) => actor.agentIn === communeA && !actor.withoutRights)!;
    for (const use of uses.filter((u) => u.method === 'POST' && !u.readsOnly)) {
      // A family of its own for each form: a cancelled or decided request takes no second form.
      // Logged in only for the family's own forms: logins are rate limited per address.
      const fresh = await family('F3', communeA, use.door === 'citizen');
      const owner: Actor =
        use.door === 'citizen'
          ? { name: 'représentante of F3', client: fresh.client, citizenIn: communeA, family: fresh.fixture }
          : agentA;
      const choice: Choice = { label: 'F3’s ids', owner: fresh.fixture, pick: (_key, slot) => fresh.fixture.ids[slot] };
      const { path, ids, form } = addressOf(use, communeA, choice);
      const before = await fingerprintOf(t, [communeA]);
      const page = await send(owner, use, communeA, path, { ...(await use.writes!(ids)), ...form });
      expect([200, 303], `${use.method} ${path}: ${page.status}`).toContain(page.status);
      expect(changedTables(before, await fingerprintOf(t, [communeA])), `${use.method} ${path} wrote`).not.toEqual([]);
    }
  });
});
