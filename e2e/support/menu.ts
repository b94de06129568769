import { expect, type Page } from '@playwright/test';
import type { KeyboardUser } from './keyboard.js';

/**
 * The header's navigation. On a phone its links fold under a « Menu » button (a native
 * `<details>`/`<summary>` disclosure, docs/adr/0026-a-design-of-our-own.md); on a wider screen they
 * are in sight and these helpers do nothing.
 */
const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });
export const menuToggle = (page: Page) => nav(page).locator('summary', { hasText: 'Menu' });

async function isFolded(page: Page): Promise<boolean> {
  if (!(await menuToggle(page).isVisible())) return false;
  return (await nav(page).locator('details').getAttribute('open')) === null;
}

/** Opens the folded menu with a click, or a tap on a touch screen, as a person would. */
export async function openMenu(page: Page, { tap = false } = {}): Promise<void> {
  if (!(await isFolded(page))) return;
  if (tap) await menuToggle(page).tap();
  else await menuToggle(page).click();
  await expect(nav(page).locator('details')).toHaveAttribute('open', '');
}

/** Opens the folded menu with the keyboard alone: Tab to « Menu », then Enter. */
export async function openMenuByKeyboard(keys: KeyboardUser, page: Page): Promise<void> {
  if (!(await isFolded(page))) return;
  await keys.tabTo(menuToggle(page), { max: 60 });
  await page.keyboard.press('Enter');
  await expect(nav(page).locator('details')).toHaveAttribute('open', '');
}
