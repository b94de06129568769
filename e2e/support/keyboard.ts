import { expect, type Locator, type Page } from '@playwright/test';

/** The element that has the focus, and whether the page shows where it is. */
export interface FocusStop {
  /** « <input#champ-firstName> Prénom (obligatoire) », for the messages. */
  label: string;
  /** Null when the focus is visible: an outline, or a box-shadow ring, in the viewport. */
  problem: string | null;
}

/** Describes the focused element and checks its focus indicator (WCAG 2.4.7, RGAA 10.7). */
export async function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) return null;
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const labelled = element as HTMLInputElement;
    const name = (labelled.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const label = `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> ${name}`;
    const outlineWidth = Number.parseFloat(style.outlineWidth) || 0;
    const transparent = style.outlineColor === 'transparent' || /rgba\(.*,\s*0\)$/.test(style.outlineColor);
    const hasOutline = style.outlineStyle !== 'none' && outlineWidth > 0 && !transparent;
    const hasRing = style.boxShadow !== 'none' && style.boxShadow !== '';
    const inViewport =
      rect.width > 0 &&
      rect.height > 0 &&
      rect.bottom > 0 &&
      rect.right > 0 &&
      rect.top < window.innerHeight &&
      rect.left < window.innerWidth;
    let problem: string | null = null;
    if (!hasOutline && !hasRing)
      problem = `no focus indicator (outline ${style.outlineStyle} ${outlineWidth}px ${style.outlineColor}, box-shadow ${style.boxShadow})`;
    else if (!inViewport) problem = 'focused outside the viewport';
    return { label, problem };
  });
}

/**
 * Keyboard-only moves that check, at every stop, that the focus can be seen. Problems are gathered
 * and told at the end (`expectFocusAlwaysVisible`), so that one faulty element does not hide the others.
 */
export class KeyboardUser {
  readonly stops: string[] = [];
  readonly problems: string[] = [];

  constructor(private readonly page: Page) {}

  /** Presses a key (Tab, Shift+Tab, Space, Enter…) and checks the focus where it lands. */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    await this.check();
  }

  /** Checks the focus as it is now (after a page load that moved it, for instance). */
  async check(): Promise<void> {
    const stop = await focusStop(this.page);
    if (!stop) return;
    this.stops.push(stop.label);
    if (stop.problem) this.problems.push(`${this.page.url()} ${stop.label}: ${stop.problem}`);
  }

  /** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it never comes. */
  async tabTo(target: Locator, { backwards = false, max = 40 } = {}): Promise<void> {
    for (let presses = 0; presses < max; presses += 1) {
      await this.press(backwards ? 'Shift+Tab' : 'Tab');
      if (await target.evaluate((element) => element === document.activeElement)) return;
    }
    throw new Error(
      `${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'} never reached ${target}; went through:\n${this.stops.slice(-max).join('\n')}`,
    );
  }

  /** Tabs to a text field and types into it, as a person would. */
  async typeInto(field: Locator, text: string): Promise<void> {
    await this.tabTo(field);
    await this.page.keyboard.type(text);
    await expect(field).toHaveValue(text);
  }

  expectFocusAlwaysVisible(): void {
    expect.soft(this.problems, `focus not visible on:\n${this.problems.join('\n')}`).toEqual([]);
  }
}
