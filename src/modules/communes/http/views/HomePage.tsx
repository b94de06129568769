import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import { TextSections } from '../../../../platform/views/components/TextSections.js';
import { communePaths } from '../../../../platform/views/paths.js';
import type { Commune, CommuneText } from '../../domain/commune.js';
import { DeskContact } from './DeskContact.js';

interface HomeProps {
  context: PageContext;
  commune: Commune;
  help: CommuneText | null;
  keyFacts: CommuneText | null;
  guidePdfSize: string;
}

/** The commune's public home (« AccueilPublic »): what a family sees before logging in. */
export function HomePage({ context, commune, help, keyFacts, guidePdfSize }: HomeProps) {
  const paths = communePaths(commune);
  return (
    <Layout context={context} title="Accueil">
      <h1>Bienvenue sur l'espace citoyens de {commune.name}</h1>
      <div class="home">
        <section class="home__intro" aria-labelledby="presentation">
          <h2 id="presentation" class="visually-hidden">
            Présentation
          </h2>
          {commune.presentation.map((paragraph, index) => (
            <p key={index} class={index === 0 ? 'lead' : undefined}>
              {paragraph}
            </p>
          ))}
        </section>

        <section class="card home__login" aria-labelledby="mon-espace-perso">
          <h2 id="mon-espace-perso">Mon espace perso</h2>
          <p>Connectez-vous pour accéder à vos démarches, vos réservations et vos factures.</p>
          <p>
            <a class="button" href={paths.login}>
              Connexion
            </a>
          </p>
          <p>
            <a href={paths.forgottenPassword}>J'ai oublié mon mot de passe</a>
          </p>
          <h3>Je n'ai pas d'espace</h3>
          <p>
            <a class="button button--secondary" href={paths.signUp}>
              Créer mon espace
            </a>
          </p>
        </section>

        {help ? (
          <section class="card" aria-labelledby="aide">
            <h2 id="aide">{help.title}</h2>
            <TextSections sections={help.sections} level={3} />
          </section>
        ) : null}

        {keyFacts ? (
          <section class="card" aria-labelledby="reperes">
            <h2 id="reperes">{keyFacts.title}</h2>
            <TextSections sections={keyFacts.sections} level={3} />
          </section>
        ) : null}

        <section class="card" aria-labelledby="documents">
          <h2 id="documents">Documents</h2>
          <ul>
            <li>
              <a href={paths.guide}>Mode d'emploi de votre espace citoyens</a>
            </li>
            <li>
              <a href={paths.guidePdf} download>
                Mode d'emploi de votre espace citoyens (PDF, {guidePdfSize})
              </a>
            </li>
          </ul>
        </section>

        <section class="card" aria-labelledby="contact">
          <h2 id="contact">Contact</h2>
          <DeskContact desk={commune.desk} />
        </section>
      </div>
    </Layout>
  );
}
