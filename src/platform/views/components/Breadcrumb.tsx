/** One step above the current page in the breadcrumb. */
export interface Crumb {
  href: string;
  label: string;
}

/**
 * « Fil d'Ariane »: where the page sits, from the top down, each step a link, the page itself last
 * and marked as the current one (RGAA 12.2). The separators are drawn by the style sheet, so a
 * screen reader reads a plain list.
 */
export function Breadcrumb({
  trail,
  current,
  label = "Fil d'Ariane",
}: {
  trail: Crumb[];
  current: string;
  /** Only a page that shows two breadcrumbs (the components' page) names the second otherwise. */
  label?: string;
}) {
  return (
    <nav aria-label={label} class="breadcrumb">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.href}>
            <a href={crumb.href}>{crumb.label}</a>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
