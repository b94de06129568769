import { count, eq } from 'drizzle-orm';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { familyChanges } from '../src/modules/families/familiesSchema.js';
import { requests } from '../src/modules/requests/requestsSchema.js';
import { textOf } from './citizenFactories.js';
import type { TestApp } from './testApp.js';

/**
 * Readers for the family's own pages: the error summary of forms whose fields have compound names
 * (`pickup-0-phone`), the pending values, and what a family's change wrote.
 */

/** The error summary's links, field name → message, for any field name. */
export function errorsOf(html: string): Record<string, string> {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...summary.matchAll(/<a href="#champ-([\w-]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, textOf(m[2]!)]),
  );
}

/** The texts of the page's pending values (« En attente de validation : … »). */
export function pendingTexts(html: string): string[] {
  return [...html.matchAll(/<span class="pending">([\s\S]*?)<\/a><\/span>/g)].map((m) => textOf(m[1]!));
}

/** How many history lines and requests the family has: « nothing written » is these staying the same. */
export async function writtenForFamily(t: TestApp, familyId: string) {
  const { db } = t.container.database;
  const [changes] = await db.select({ n: count() }).from(familyChanges).where(eq(familyChanges.familyId, familyId));
  const [asked] = await db.select({ n: count() }).from(requests).where(eq(requests.familyId, familyId));
  return { changes: changes!.n, requests: asked!.n };
}

/** The family pages' addresses of a commune. */
export function familyPaths(commune: Pick<Commune, 'slug'>) {
  const base = `/${commune.slug}`;
  return {
    myFamily: `${base}/ma-famille`,
    member: (id: string) => `${base}/ma-famille/membres/${id}`,
    editMember: (id: string, group: string) => `${base}/ma-famille/membres/${id}/modifier/${group}`,
    newMember: `${base}/ma-famille/nouveau-membre`,
    history: `${base}/ma-famille/historique`,
    contactDetails: `${base}/mon-tableau-de-bord/coordonnees`,
    editContactDetails: (group: string) => `${base}/mon-tableau-de-bord/coordonnees/modifier/${group}`,
    entourage: `${base}/mon-espace/entourage`,
    invitation: `${base}/mon-espace/entourage/invitation`,
  };
}
