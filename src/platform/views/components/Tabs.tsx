/** One tab: a page of its own. */
export interface Tab {
  href: string;
  label: string;
  current: boolean;
}

/**
 * Tabs between the pages of one section. Each tab is a link to its own page, the current one marked
 * with aria-current: they work without JavaScript, with the back button, and a screen reader reads a
 * navigation it knows (docs/adr/0026-a-design-of-our-own.md says why not an ARIA tablist).
 */
export function Tabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav aria-label={label} class="tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
