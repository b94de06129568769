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
export function SiteMenu({
  label,
  links,
  current,
  folding,
  open,
}: {
  label: string;
  links: MenuLink[];
  /** The link of the page shown, marked as the current one. */
  current?: string;
  /** Folded at every width, as on a phone (the components' page shows both states so). */
  folding?: boolean;
  open?: boolean;
}) {
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
              <a href={link.href} aria-current={link.href === current ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}
