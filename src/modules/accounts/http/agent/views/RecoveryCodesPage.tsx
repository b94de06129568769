import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';

/** The 10 recovery codes, shown this once: only their hashes are kept. */
export function RecoveryCodesPage({ context, codes }: { context: PageContext; codes: string[] }) {
  const paths = agentPaths(context.commune!);
  return (
    <Layout context={context} title="Vos codes de secours">
      <h1>Vos codes de secours</h1>
      <Notice>
        <p>La double authentification est activée.</p>
      </Notice>
      <p>
        Si vous perdez votre téléphone, chacun de ces codes permet une connexion, une seule fois. Notez-les ou imprimez
        cette page, et gardez-les en lieu sûr : <strong>ils ne seront plus jamais affichés</strong>.
      </p>
      <ol class="recovery-codes">
        {codes.map((code) => (
          <li key={code} class="secret">
            {code}
          </li>
        ))}
      </ol>
      <p class="no-print">Pour imprimer cette page, utilisez la commande Imprimer de votre navigateur (Ctrl+P).</p>
      <p class="no-print">
        <a class="button" href={paths.home}>
          J'ai noté mes codes de secours
        </a>
      </p>
    </Layout>
  );
}
