import { and, asc, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { mailbox } from '../../platform/mail/mailSchema.js';
import { accountTokens, childKeys, citizens } from '../accounts/accountsSchema.js';
import { auditEvents } from '../audit/auditSchema.js';
import { billingExport } from '../billing/billingExport.js';
import { reservationsExport } from '../bookings/reservationsExport.js';
import { documentsExport } from '../documents/documentsExport.js';
import { onlinePaymentsExport } from '../onlinePayments/onlinePaymentsExport.js';
import { paymentsExport } from '../payments/paymentsExport.js';
import { requestEvents, requestMessages, requests } from '../requests/requestsSchema.js';
import { families, familyAdults, familyChanges, familyMembers, memberContacts } from './familiesSchema.js';

/*
 * The columns each table gives away, chosen by leaving out what must never leave the server: a new
 * column is exported unless it is taken out here, so that nothing the family has a right to read is
 * forgotten, and every secret is left out on purpose.
 */
const { passwordHash: _password, ...citizenColumns } = getTableColumns(citizens);
const { keyHash: _key, ...childKeyColumns } = getTableColumns(childKeys);
const { tokenHash: _token, realm: _realm, ...tokenColumns } = getTableColumns(accountTokens);

/**
 * Everything the portal holds about one family of one commune, as one of its parents may read it
 * (« Télécharger mes données », RGPD right of access), one key per table, named as the table is.
 * The family's file, requests and history are both parents'; an account — its details, its links,
 * its mails, its logins and the addresses they came from — is its holder's alone: separated parents
 * share a file, not their whereabouts. The other parent appears as the file's adult. Left out, with their reason:
 * passwords' and keys' and links' hashes (secrets, even hashed); `sessions` (a session's hash is
 * the key of a live login); `login_throttles` (the brute-force counters, about an account name
 * typed rather than about the family). Mails still waiting carry their text, with the tokens of
 * their links masked: a link in an export must open nothing.
 */
export async function familyExport(db: Db, communeId: string, familyId: string, citizenId: string) {
  const [family] = await db
    .select()
    .from(families)
    .where(and(eq(families.communeId, communeId), eq(families.id, familyId)));
  if (!family) return null;
  const ofFamily = (
    table: typeof familyAdults | typeof familyMembers | typeof memberContacts | typeof familyChanges | typeof requests,
  ) => and(eq(table.communeId, communeId), eq(table.familyId, familyId));

  const [adults, members, contacts, changes, familyRequests] = await Promise.all([
    db.select().from(familyAdults).where(ofFamily(familyAdults)).orderBy(asc(familyAdults.role)),
    db.select().from(familyMembers).where(ofFamily(familyMembers)).orderBy(asc(familyMembers.birthDate)),
    db
      .select()
      .from(memberContacts)
      .where(ofFamily(memberContacts))
      .orderBy(asc(memberContacts.memberId), asc(memberContacts.kind), asc(memberContacts.position)),
    db.select().from(familyChanges).where(ofFamily(familyChanges)).orderBy(asc(familyChanges.at)),
    db.select().from(requests).where(ofFamily(requests)).orderBy(asc(requests.createdAt)),
  ]);
  const adultIds = adults.map((a) => a.id);
  const requestIds = familyRequests.map((r) => r.id);
  // The asking account, if it is one of this family's: never another's.
  const citizenIds = adults.some((a) => a.citizenId === citizenId) ? [citizenId] : [];

  const [events, messages, accounts, keys, tokens] = await Promise.all([
    someOf(requestIds, (ids) =>
      db
        .select()
        .from(requestEvents)
        .where(and(eq(requestEvents.communeId, communeId), inArray(requestEvents.requestId, ids)))
        .orderBy(asc(requestEvents.at)),
    ),
    someOf(requestIds, (ids) =>
      db
        .select()
        .from(requestMessages)
        .where(and(eq(requestMessages.communeId, communeId), inArray(requestMessages.requestId, ids)))
        .orderBy(asc(requestMessages.at)),
    ),
    someOf(citizenIds, (ids) =>
      db
        .select(citizenColumns)
        .from(citizens)
        .where(and(eq(citizens.communeId, communeId), inArray(citizens.id, ids))),
    ),
    someOf(adultIds, (ids) =>
      db
        .select(childKeyColumns)
        .from(childKeys)
        .where(and(eq(childKeys.communeId, communeId), inArray(childKeys.adultId, ids)))
        .orderBy(asc(childKeys.issuedAt)),
    ),
    someOf(citizenIds, (ids) =>
      db
        .select(tokenColumns)
        .from(accountTokens)
        .where(
          and(
            eq(accountTokens.communeId, communeId),
            eq(accountTokens.realm, 'citizen'),
            inArray(accountTokens.subjectId, ids),
          ),
        )
        .orderBy(asc(accountTokens.createdAt)),
    ),
  ]);

  // Only the accounts' own addresses, checked by their activation: an address typed in the file
  // could be anyone's, and their mails are not this family's.
  const addresses = accounts.map((a) => a.emailKey);
  const about = [familyId, ...adultIds, ...members.map((m) => m.id), ...requestIds, ...citizenIds];
  const [audit, mails] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.communeId, communeId),
          or(inArray(auditEvents.subjectId, about), ...citizenIds.map((id) => eq(auditEvents.actorId, id))),
        ),
      )
      .orderBy(asc(auditEvents.at), asc(auditEvents.id)),
    someOf(addresses, (list) =>
      db
        .select()
        .from(mailbox)
        .where(and(eq(mailbox.communeId, communeId), inArray(sql`lower(${mailbox.to})`, list)))
        .orderBy(asc(mailbox.seq)),
    ),
  ]);

  const reservations = await reservationsExport(db, communeId, familyId);
  const familyDocuments = await documentsExport(db, communeId, familyId);
  const billing = await billingExport(db, communeId, familyId);
  const familyPayments = await paymentsExport(db, communeId, familyId);
  const onlinePayments = await onlinePaymentsExport(db, communeId, familyId);
  const own = new Set(citizenIds);
  return {
    families: [family],
    family_adults: adults,
    family_members: members,
    member_contacts: contacts,
    family_changes: changes,
    requests: familyRequests,
    request_events: events,
    request_messages: messages,
    citizens: accounts,
    child_keys: keys,
    account_tokens: tokens,
    audit_events: audit.map(asTheFamilySeesIt(own)),
    // The demo's browser mark and the delivery job's token are the server's, not the family's data.
    mailbox: mails.map(({ demoBrowser: _browser, jobToken: _token, ...mail }) => ({
      ...mail,
      text: maskLinkTokens(mail.text),
      html: maskLinkTokens(mail.html),
    })),
    ...reservations,
    ...familyDocuments,
    ...billing,
    ...familyPayments,
    ...onlinePayments,
  };
}

/**
 * An audit line as the family reads it: the address is kept only for the asking account's own acts
 * (an agent's or the other parent's address is theirs), and agents are « Guichet unique », as on
 * every family page: their login names are the commune's business.
 */
function asTheFamilySeesIt(own: Set<string>) {
  return (event: typeof auditEvents.$inferSelect) => {
    const mine = event.actorKind === 'citizen' && event.actorId !== null && own.has(event.actorId);
    return {
      ...event,
      ip: mine ? event.ip : '',
      ...(event.actorKind === 'agent' ? { actorId: null, actorLabel: 'Guichet unique' } : {}),
    };
  };
}

export type FamilyExport = NonNullable<Awaited<ReturnType<typeof familyExport>>>;

/** The tables the export holds, in the order the readable page shows them. */
export type ExportedTable = keyof FamilyExport;

/** A query over a list of ids, skipped when the list is empty (`in ()` is not SQL). */
async function someOf<T>(ids: string[], query: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? [] : query(ids);
}

/** `?jeton=…` in a mailed link (activation, reset, new e-mail, invitation) becomes `?jeton=[masqué]`. */
export function maskLinkTokens(text: string): string {
  return text.replace(/([?&](?:amp;)?jeton=)[^\s"'&<>]+/g, '$1[masqué]');
}
