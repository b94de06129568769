import { Layout } from '../../../../../platform/views/Layout.js';
import { Breadcrumb } from '../../../../../platform/views/components/Breadcrumb.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { DocumentLine } from '../../../documentsService.js';
import { FileList, StateTag } from '../../documentParts.js';

export type DocumentsNotice = 'envoye' | null;

function Line({ line, context }: { line: DocumentLine; context: PageContext }) {
  const paths = communePaths(context.commune!);
  const { type, member, state, latest } = line;
  const headingId = `piece-${type.id}-${member?.id ?? 'famille'}`;
  const action = state.state === 'to-provide' ? 'Envoyer' : 'Remplacer';
  return (
    <li class="document-line" aria-labelledby={headingId}>
      <h3 id={headingId}>{type.name}</h3>
      <p>
        <StateTag state={state} required={line.required} />
        {line.required && state.state === 'to-provide' ? ' Demandée pour vos inscriptions.' : null}
      </p>
      {state.state === 'refused' ? <p>Motif du refus : {state.reason}</p> : null}
      {type.description ? <p class="hint">{type.description}</p> : null}
      {latest && latest.files.length > 0 && !latest.document.purgedAt ? (
        <>
          <p>
            <a href={paths.document(latest.document.id)}>
              Voir ce que vous avez envoyé<span class="visually-hidden"> : {type.name}</span>
            </a>
          </p>
          <FileList files={latest.files} href={(file) => paths.documentFile(latest.document.id, file.id)} />
        </>
      ) : null}
      <p>
        <a class="button button--secondary" href={paths.sendDocument(type.id, member?.id ?? null)}>
          {action}
          <span class="visually-hidden">
            {' '}
            : {type.name}
            {member ? ` de ${member.firstName}` : ''}
          </span>
        </a>
      </p>
    </li>
  );
}

/** « Pièces justificatives »: each proof the commune may ask of the family and each child, with its state. */
export function DocumentsPage({
  context,
  lines,
  notice,
}: {
  context: PageContext;
  lines: DocumentLine[];
  notice: DocumentsNotice;
}) {
  const family = lines.filter((line) => line.member === null);
  const children = [...new Map(lines.filter((l) => l.member).map((l) => [l.member!.id, l.member!])).values()];
  return (
    <Layout context={context} title="Pièces justificatives">
      <Breadcrumb
        trail={[{ href: communePaths(context.commune!).dashboard, label: 'Mon tableau de bord' }]}
        current="Pièces justificatives"
      />
      <h1>Pièces justificatives</h1>
      {notice === 'envoye' ? (
        <div class="notice notice--success" role="status">
          <p>Votre document est envoyé : le guichet unique le vérifie, vous recevrez un courriel s’il est refusé.</p>
        </div>
      ) : null}
      <p>
        Envoyez chaque pièce une seule fois : tant qu’elle est valide, elle sert pour toutes vos demandes. Formats
        acceptés : PDF, JPEG ou PNG, 10 Mo au plus par fichier. Vous pouvez prendre une photo avec votre téléphone.
      </p>
      {family.length > 0 ? (
        <section aria-labelledby="pieces-famille" class="file-section">
          <h2 id="pieces-famille">Pour la famille</h2>
          <ul class="plain">
            {family.map((line) => (
              <Line key={line.type.id} line={line} context={context} />
            ))}
          </ul>
        </section>
      ) : null}
      {children.map((child) => (
        <section key={child.id} aria-labelledby={`pieces-${child.id}`} class="file-section">
          <h2 id={`pieces-${child.id}`}>Pour {child.firstName}</h2>
          <ul class="plain">
            {lines
              .filter((line) => line.member?.id === child.id)
              .map((line) => (
                <Line key={line.type.id} line={line} context={context} />
              ))}
          </ul>
        </section>
      ))}
      {lines.length === 0 ? <p>Votre commune ne demande aucune pièce justificative en ligne.</p> : null}
    </Layout>
  );
}
