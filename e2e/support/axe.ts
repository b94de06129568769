import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

/** The bar of SECURITY.md: RGAA 4.1 is checked through WCAG 2.1 A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The axe-core that @axe-core/playwright brings, in its minified build, read once per worker: the same
// rules as its readable one, at less than half the text to send and compile in each page checked.
const fromAxeBuilder = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
const AXE_SOURCE = readFileSync(fromAxeBuilder.resolve('axe-core/axe.min.js'), 'utf8');

/** What a check reports of a violation: the rule, and each element at fault. */
interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}
interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
type Axe = {
  run(context: Document, options: object): Promise<{ violations: (Omit<Violation, 'nodes'> & { nodes: AxeNode[] })[] }>;
};

/**
 * Runs axe-core on the page as it is now and fails with the rules and elements at fault.
 *
 * axe runs once in the page itself, as @axe-core/playwright's legacy mode does (the portal's pages
 * have no frames), but without what made each check cost about twice its run on a busy machine:
 * that builder sends and compiles axe's 1.3 MB source twice per check and gives the second compile
 * one second before silently moving on, and axe then details every element that passes. Here the
 * minified source is compiled once per page, and only violations are detailed: every rule of the
 * tags still runs on every element, so what fails is reported exactly as before.
 */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: Axe }).axe?.run === 'function');
  if (!present) await page.evaluate(AXE_SOURCE);
  const violations: Violation[] = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: Axe };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target.map(String), failureSummary: node.failureSummary ?? '' })),
    }));
  }, WCAG_TAGS);
  const report = violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => {
        const summary = node.failureSummary.replace(/\s*\n\s*/g, ' ');
        return `    - ${node.target.join(' ')}: ${summary}`.trimEnd();
      });
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n${targets.join('\n')}`;
    })
    .join('\n');
  expect(
    violations.map((violation) => violation.id),
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
