/**
 * The fields PayFiP takes about the invoice (INTEGRATIONS.md): `refdet` 1 to 30 letters or digits,
 * `objet` ASCII letters, digits and spaces, at most 100 characters.
 */

/** « 2026-000123 » → « 2026000123 »: the invoice number without what PayFiP refuses. */
export function refdetOf(invoiceNumber: string): string {
  return invoiceNumber.replace(/[^A-Za-z0-9]/g, '').slice(0, 30);
}

/** « Facture 2026-000123 Chanteloup-les-Vignes, périscolaire » → accents gone, the rest spaces, 100 at most. */
export function objetOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
}

/** A numcli is the régie's 6 digits. */
export function isNumcli(value: string): boolean {
  return /^[0-9]{6}$/.test(value);
}

/** PayFiP's `dattrans` (DDMMYYYY) as a local day; null when it is not one. */
export function dayOfDattrans(dattrans: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(dattrans);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
}
