import { eq, sql } from 'drizzle-orm';
import { auditEvents } from '../src/modules/audit/auditSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import type { Db } from '../src/platform/db/database.js';

/**
 * What the set-up's route tests share: the fields a page's form would send as it stands (to post a
 * form back as a browser would, with one change), and a fingerprint of everything the set-up can write
 * (to prove that a refused request wrote nothing).
 */

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag);
  return match ? decode(match[1] ?? '') : null;
};

/** The fields the form posting to `action` sends: text and hidden inputs, ticked boxes and radios, text areas. */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type') ?? 'text';
    if (!name || name === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && attribute(tag, 'checked') === null) continue;
    fields[name] = attribute(tag, 'value') ?? '';
  }
  for (const match of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(`<x${match[1]!}>`, 'name');
    if (name) fields[name] = decode(match[2]!);
  }
  return fields;
}

const SET_UP_TABLES = [
  'school_years',
  'calendar_periods',
  'services',
  'activity_sessions',
  'enrolments',
  'document_types',
];

/** Each set-up table's rows of these communes, and their audit lines, counted and hashed whole. */
export async function setUpFingerprint(db: Db, communes: Commune[]): Promise<Record<string, string>> {
  const ids = sql.join(
    communes.map((commune) => sql`${commune.id}`),
    sql`, `,
  );
  const parts = [...SET_UP_TABLES, 'audit_events'].map(
    // Table names are this file's constants, never input.
    (name) =>
      sql`select ${sql.raw(`'${name}'`)} as name, count(*)::int || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.raw(`"${name}"`)} t where t.commune_id in (${ids})`,
  );
  const result = await db.execute(sql.join(parts, sql` union all `));
  const rows = (result as unknown as { rows: { name: string; digest: string }[] }).rows;
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** The audit lines of a commune with this action. */
export function auditLines(db: Db, commune: Commune, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.communeId, commune.id))
    .then((rows) => rows.filter((row) => row.action === action));
}
