import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon.js';

/** Cards side by side on a wide screen, one under the other on a phone. */
export function CardGrid({ children, label }: { children: ComponentChildren; label?: string }) {
  return (
    <div class="card-grid" role={label ? 'group' : undefined} aria-label={label}>
      {children}
    </div>
  );
}

interface CardProps {
  /** The id of the card's heading, which names its section. */
  id: string;
  title: string;
  icon?: IconName;
  /** The card's heading level on its page. */
  level?: 2 | 3;
  /** When given, the whole card leads there: the heading is the link, the card its target area. */
  href?: string;
  class?: string;
  children?: ComponentChildren;
}

/**
 * A card: a section with a heading, an icon beside the heading's words, and its content. A card with
 * an address makes its heading the one link (a screen reader hears one link, named by the heading),
 * and the style sheet stretches its target over the card.
 */
export function Card({ id, title, icon, level = 2, href, class: extra, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class={`card${href ? ' card--link' : ''}${extra ? ` ${extra}` : ''}`} aria-labelledby={id}>
      <Heading id={id} class="card__title">
        {icon ? <Icon name={icon} /> : null}
        {href ? <a href={href}>{title}</a> : title}
      </Heading>
      {children}
    </section>
  );
}
