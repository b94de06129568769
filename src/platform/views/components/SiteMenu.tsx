import { Icon } from './Icon.js';

export interface MenuLink {
  href: string;
  label: string;
}

/**
 * The header's navigation. On a wide screen its links sit in the band; on a phone they fold under a
 * « Menu » button. The button is a native disclosure (`<details>`/`<summary>`): it opens with a tap,
 * Enter or Space, a screen reader announces it as expanded or collapsed, and it needs no script. The
 * style sheet shows the links unfolded, and hides the button, on a wide screen.
 */
/**
 * The link of the section a path is in: the longest link the path starts with (« Familles » for a
 * family's file and its pages), so that the door's home does not claim every page.
 */
export function sectionOf(links: MenuLink[], path: string): string | undefined {
  return links
    .filter((link) => path === link.href || path.startsWith(`${link.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function SiteMenu({
  label,
  links,
  current,
  path,
  folding,
  open,
}: {
  label: string;
  links: MenuLink[];
  /** The link of the page shown, marked as the current one. */
  current?: string;
  /**
   * The path of the page shown: its own link is the current page (`aria-current="page"`), the link of
   * the section it is in is current (`aria-current="true"`).
   */
  path?: string;
  /** Folded at every width, as on a phone (the components' page shows both states so). */
  folding?: boolean;
  open?: boolean;
}) {
  const section = path === undefined ? undefined : sectionOf(links, path);
  const currentOf = (href: string) =>
    href === current || href === path ? ('page' as const) : href === section ? ('true' as const) : undefined;
  return (
    <nav aria-label={label} class={folding ? 'site-menu site-menu--folding' : 'site-menu'}>
      <details class="site-menu__fold" open={open}>
        <summary class="site-menu__toggle">
          <Icon name="menu" />
          Menu
        </summary>
        <ul class="site-menu__links">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={currentOf(link.href)}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
