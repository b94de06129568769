import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/views/Layout.js';
import type { PageContext } from '../../../platform/views/PageContext.js';
import { communePaths } from '../../../platform/views/paths.js';
import { Tabs } from '../../../platform/views/components/Tabs.js';

export type MySpaceTab = 'profil' | 'identifiants' | 'entourage' | 'cle-enfance';

/** « Mon espace » and its tabs, as links (each tab is its own page: it works without JavaScript; ADR 0026). */
export function MySpaceLayout({
  context,
  tab,
  title,
  children,
}: {
  context: PageContext;
  tab: MySpaceTab;
  title: string;
  children: ComponentChildren;
}) {
  const paths = communePaths(context.commune!);
  const tabs: [MySpaceTab, string, string][] = [
    ['profil', 'Profil', paths.mySpace],
    ['identifiants', 'Identifiants', paths.identifiers],
    ['entourage', 'Entourage', paths.entourage],
    ['cle-enfance', 'Clé Enfance', paths.childKey],
  ];
  return (
    <Layout context={context} title={`${title} — Mon espace`}>
      <h1>Mon espace</h1>
      <Tabs
        label="Rubriques de Mon espace"
        tabs={tabs.map(([name, label, href]) => ({ href, label, current: name === tab }))}
      />
      {children}
    </Layout>
  );
}
