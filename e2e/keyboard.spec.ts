import { expect, test } from '@playwright/test';

const HOME = '/chanteloup-les-vignes';

test.describe('keyboard use of the home page', () => {
  test('the first Tab reaches the skip link, and Enter moves focus to the main content', async ({ page }) => {
    await page.goto(HOME);
    const skipLink = page.getByRole('link', { name: 'Aller au contenu', exact: true });
    await expect(skipLink).not.toBeInViewport();

    await page.keyboard.press('Tab');
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport({ ratio: 1 });
    const box = await skipLink.boundingBox();
    const viewport = page.viewportSize();
    expect(box).not.toBeNull();
    expect(viewport).not.toBeNull();
    if (box && viewport) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await expect(page.locator('main#contenu')).toBeFocused();

    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const element = document.activeElement;
      return {
        tag: element?.tagName.toLowerCase(),
        href: element?.getAttribute('href'),
        insideMain: Boolean(element?.closest('main#contenu')),
      };
    });
    expect(next.tag, 'the Tab after the skip link lands on a link').toBe('a');
    expect(next.href).toBeTruthy();
    expect(next.insideMain, 'the Tab after the skip link stays inside main').toBe(true);
  });

  test('every element reached with Tab shows a visible focus indicator', async ({ page }) => {
    await page.goto(HOME);

    const visited: string[] = [];
    const seen = new Set<number>();
    const problems: string[] = [];

    for (let step = 0; step < 200; step += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body || element === document.documentElement) return null;
        const style = getComputedStyle(element);
        const rect = element.getBoundingClientRect();
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
        return {
          index: Array.prototype.indexOf.call(document.getElementsByTagName('*'), element) as number,
          label: `<${element.tagName.toLowerCase()}> « ${name} »`,
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth) || 0,
          outlineColor: style.outlineColor,
          boxShadow: style.boxShadow,
          inViewport:
            rect.width > 0 &&
            rect.height > 0 &&
            rect.bottom > 0 &&
            rect.right > 0 &&
            rect.top < window.innerHeight &&
            rect.left < window.innerWidth,
        };
      });
      // Focus has left the page, or gone round to the first element again: the whole page is done.
      if (!focused || seen.has(focused.index)) break;
      seen.add(focused.index);
      visited.push(focused.label);

      const transparent = focused.outlineColor === 'transparent' || /rgba\(.*,\s*0\)$/.test(focused.outlineColor);
      const hasOutline = focused.outlineStyle !== 'none' && focused.outlineWidth > 0 && !transparent;
      const hasRing = focused.boxShadow !== 'none' && focused.boxShadow !== '';
      if (!hasOutline && !hasRing) {
        problems.push(
          `${focused.label}: outline ${focused.outlineStyle} ${focused.outlineWidth}px ${focused.outlineColor}, box-shadow ${focused.boxShadow}`,
        );
      }
      if (!focused.inViewport) problems.push(`${focused.label}: focused but outside the viewport`);
    }

    expect(problems, `focus not visible on:\n${problems.join('\n')}`).toEqual([]);
    // The walk went through the whole page, from the skip link to the footer.
    expect(visited[0]).toBe('<a> « Aller au contenu »');
    expect(visited).toContain('<a> « Connexion »');
    expect(visited).toContain('<a> « Créer mon espace »');
    expect(visited).toContain('<a> « Accessibilité : partiellement conforme »');
    expect(visited.length).toBeGreaterThanOrEqual(12);
  });
});
