import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { NewsItem } from '../../../../news/newsRepository.js';

/** « Mon accueil »: the greeting, the previous login, and the commune's messages. */
export function MyHomePage(props: {
  context: PageContext;
  greeting: string;
  previousLoginAt: Date | null;
  news: NewsItem[];
  linkedToFamily: boolean;
}) {
  const { context } = props;
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title="Mon accueil">
      <h1>Bonjour {props.greeting}</h1>
      <p class="meta">
        {props.previousLoginAt
          ? `Dernière connexion le ${formatLocalDateTime(props.previousLoginAt)}`
          : 'Première connexion : bienvenue !'}
      </p>
      {props.linkedToFamily ? null : (
        <div class="notice">
          <p>
            Votre espace n'est pas encore relié à un dossier famille. Pour réserver, inscrire vos enfants ou suivre vos
            factures, <a href={paths.childKey}>saisissez votre Clé Enfance</a>.
          </p>
        </div>
      )}
      <section aria-labelledby="actualites">
        <h2 id="actualites">Messages de la commune</h2>
        {props.news.length === 0 ? (
          <p>Aucun message pour le moment.</p>
        ) : (
          <ul class="news">
            {props.news.map((item) => (
              <li key={item.id} class="card">
                <h3>{item.title}</h3>
                <p>{item.summary}</p>
                <p>
                  <a href={paths.news(item.id)}>
                    Lire la suite<span class="visually-hidden"> : {item.title}</span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
