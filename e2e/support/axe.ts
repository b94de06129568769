import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The bar of SECURITY.md: RGAA 4.1 is checked through WCAG 2.1 A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core on the page as it is now and fails with the rules and elements at fault. */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  // Legacy mode: one axe.run() in the page, instead of axe.runPartial() in each frame then
  // axe.finishRun() in a blank page opened for it, which injects axe twice and costs about half of
  // the whole browser suite. The portal's pages have no frames, so nothing is left unchecked.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  const report = results.violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => {
        const summary = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
        return `    - ${node.target.join(' ')}: ${summary}`.trimEnd();
      });
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n${targets.join('\n')}`;
    })
    .join('\n');
  expect(
    results.violations.map((violation) => violation.id),
    `axe-core violations on ${page.url()}:\n${report}`,
  ).toEqual([]);
}

/** WCAG 1.4.10 (reflow): the page must not scroll sideways at the current viewport width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(async () => {
    // Widths are measured with the page's own fonts, not the fallback ones.
    await document.fonts.ready;
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth };
  });
  expect(
    scrollWidth,
    `${page.url()} scrolls horizontally: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`,
  ).toBeLessThanOrEqual(clientWidth);
}

/**
 * Issue 16: a table a family reads fits the screen by reflowing, never inside a box that scrolls
 * sideways. Every table of the main content lies within the viewport, and none of its ancestors scrolls.
 */
export async function expectTablesReflow(page: Page): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const table of document.querySelectorAll('main table')) {
      const name = table.querySelector('caption')?.textContent?.trim() ?? table.className;
      if (table.getBoundingClientRect().right > width + 1) found.push(`« ${name} » goes past the screen's edge`);
      for (let box = table.parentElement; box && box.tagName !== 'MAIN'; box = box.parentElement) {
        const overflow = getComputedStyle(box).overflowX;
        if (overflow === 'auto' || overflow === 'scroll')
          found.push(`« ${name} » is inside a box that scrolls (${box.tagName.toLowerCase()}.${box.className})`);
      }
    }
    return found;
  });
  expect(problems, `${page.url()}: tables that do not reflow`).toEqual([]);
}
