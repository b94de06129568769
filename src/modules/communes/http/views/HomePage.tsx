import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import { Card } from '../../../../platform/views/components/Card.js';
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

        <Card id="mon-espace-perso" icon="user" title="Mon espace perso" class="home__login">
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
        </Card>

        {help ? (
          <Card id="aide" icon="help" title={help.title}>
            <TextSections sections={help.sections} level={3} />
          </Card>
        ) : null}

        {keyFacts ? (
          <Card id="reperes" icon="info" title={keyFacts.title}>
            <TextSections sections={keyFacts.sections} level={3} />
          </Card>
        ) : null}

        <Card id="documents" icon="document" title="Documents">
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
        </Card>

        <Card id="contact" icon="mail" title="Contact">
          <DeskContact desk={commune.desk} />
        </Card>
      </div>
    </Layout>
  );
}
