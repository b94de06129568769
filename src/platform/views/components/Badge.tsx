import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon.js';

/**
 * The tone of a status: it sets a border, a tint and an icon, but the word inside says the status;
 * nothing is told by colour alone (WCAG 1.4.1).
 */
export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'error';
export const BADGE_TONES: BadgeTone[] = ['neutral', 'info', 'success', 'warning', 'error'];

const icons: Record<BadgeTone, IconName> = {
  neutral: 'info',
  info: 'clock',
  success: 'check',
  warning: 'alert',
  error: 'cross',
};

/** A status badge: an icon beside the status's words. */
export function Badge({ tone, children }: { tone: BadgeTone; children: ComponentChildren }) {
  return (
    <span class={`status-tag badge badge--${tone}`}>
      <Icon name={icons[tone]} />
      {children}
    </span>
  );
}
