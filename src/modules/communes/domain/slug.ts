/**
 * Every address of a commune starts with its slug (`/chanteloup-les-vignes/…`). A slug is lower-case
 * ASCII words joined by single hyphens, and never one of the platform's own top-level paths.
 */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const reservedSlugs: ReadonlySet<string> = new Set([
  'assets',
  'healthz',
  'favicon.ico',
  'robots.txt',
  'api',
  'admin',
  'static',
  // The deployment's own pages.
  'mentions-legales',
  'accessibilite',
]);

export function isValidSlug(value: string): boolean {
  return value.length >= 2 && value.length <= 63 && SLUG.test(value) && !reservedSlugs.has(value);
}
