import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import {
  creditNoteLines,
  creditNotes,
  familyQuotients,
  familyResidence,
  invoiceLines,
  invoices,
} from './billingSchema.js';

// Which agent entered, issued or cancelled is the commune's business: the family reads « Guichet unique »
// on its pages, and the export says no more.
const { enteredById: _entered, ...quotientColumns } = getTableColumns(familyQuotients);
const { issuedById: _issued, cancelledById: _cancelled, ...invoiceColumns } = getTableColumns(invoices);
const { createdById: _created, ...creditNoteColumns } = getTableColumns(creditNotes);

/**
 * The family's billing in « Télécharger mes données »: its quotients familiaux and residence as the
 * guichet entered them, its invoices (drafts too, with their status: they are data about the family)
 * with every priced line, and its credit notes with the lines they credit.
 */
export async function billingExport(db: Db, communeId: string, familyId: string) {
  const ofFamily = <T extends typeof familyQuotients | typeof familyResidence | typeof invoices | typeof creditNotes>(
    table: T,
  ) => and(eq(table.communeId, communeId), eq(table.familyId, familyId));
  const [quotients, residence, allInvoices, notes] = await Promise.all([
    db
      .select(quotientColumns)
      .from(familyQuotients)
      .where(ofFamily(familyQuotients))
      .orderBy(asc(familyQuotients.validFrom)),
    db.select().from(familyResidence).where(ofFamily(familyResidence)),
    db.select(invoiceColumns).from(invoices).where(ofFamily(invoices)).orderBy(asc(invoices.period)),
    db.select(creditNoteColumns).from(creditNotes).where(ofFamily(creditNotes)).orderBy(asc(creditNotes.issuedOn)),
  ]);
  const invoiceIds = allInvoices.map((invoice) => invoice.id);
  const noteIds = notes.map((note) => note.id);
  const [lines, credited] = await Promise.all([
    invoiceIds.length === 0
      ? []
      : db
          .select()
          .from(invoiceLines)
          .where(and(eq(invoiceLines.communeId, communeId), inArray(invoiceLines.invoiceId, invoiceIds)))
          .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.day)),
    noteIds.length === 0 ? [] : db.select().from(creditNoteLines).where(inArray(creditNoteLines.creditNoteId, noteIds)),
  ]);
  return {
    family_quotients: quotients,
    family_residence: residence,
    invoices: allInvoices,
    invoice_lines: lines,
    credit_notes: notes.map((note) => ({
      ...note,
      lines: credited.filter((line) => line.creditNoteId === note.id),
    })),
  };
}
