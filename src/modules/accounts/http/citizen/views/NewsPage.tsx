import { formatLocalDate } from '../../../../../shared/dates.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { NewsItem } from '../../../../news/newsRepository.js';

/** One message of the commune, on its own page. */
export function NewsPage({ context, item }: { context: PageContext; item: NewsItem }) {
  return (
    <Layout context={context} title={item.title}>
      <h1>{item.title}</h1>
      <p class="meta">Publié le {formatLocalDate(item.publishedAt)}</p>
      {item.body.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      <p>
        <a href={communePaths(context.commune!).myHome}>Retour à Mon accueil</a>
      </p>
    </Layout>
  );
}
