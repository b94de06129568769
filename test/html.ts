/** Readers of a page's HTML as a user meets it, shared by the view tests and the HTTP tests. */

/** The text a reader gets from a page: no tags, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The value a text field of the page holds (decoded), or null when the page has no such field. */
export function inputValue(html: string, name: string): string | null {
  const input = new RegExp(`<input[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  if (!input) return null;
  return textOf(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '');
}

/** The error summary's links, field name → message. */
export function summaryOf(html: string): Record<string, string> {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...summary.matchAll(/<a href="#champ-([A-Za-z0-9]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, textOf(m[2]!)]),
  );
}

/** The page's « Fil d'Ariane »: each step above the page (its link and words), then the page itself; null without one. */
export function breadcrumbOf(html: string): { trail: { href: string; label: string }[]; current: string } | null {
  const nav = /<nav aria-label="Fil d'Ariane" class="breadcrumb">([\s\S]*?)<\/nav>/.exec(html)?.[1];
  if (nav === undefined) return null;
  return {
    trail: [...nav.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((link) => ({
      href: textOf(link[1]!),
      label: textOf(link[2]!),
    })),
    current: textOf(/<span aria-current="page">([\s\S]*?)<\/span>/.exec(nav)?.[1] ?? ''),
  };
}
