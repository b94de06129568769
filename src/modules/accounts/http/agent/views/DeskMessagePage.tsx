import type { ComponentChildren } from 'preact';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';

/** A page that tells one thing and offers where to go next. */
export function DeskMessagePage({
  context,
  title,
  children,
}: {
  context: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <Layout context={context} title={title}>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}
