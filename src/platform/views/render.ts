import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A whole HTML document from a page component. Text is escaped by the renderer. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
