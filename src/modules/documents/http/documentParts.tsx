import { formatDay } from '../../../shared/localDays.js';
import type { DocumentState } from '../domain/documentState.js';
import type { StoredFile } from '../documentsRepository.js';

/** « validée jusqu'au 9 février 2027 », « refusée », … as the family and the agents read a state. */
export function stateText(state: DocumentState, required = true): string {
  switch (state.state) {
    case 'to-provide':
      return required ? 'À fournir' : 'Non fournie';
    case 'pending':
      return 'En attente de validation';
    case 'validated':
      return state.validUntil ? `Validée jusqu’au ${formatDay(state.validUntil)}` : 'Validée';
    case 'refused':
      return 'Refusée';
    case 'expired':
      return `Expirée depuis le ${formatDay(state.validUntil)}`;
  }
}

export function StateTag({ state, required }: { state: DocumentState; required?: boolean }) {
  return <span class="status-tag">{stateText(state, required)}</span>;
}

/** « 1,2 Mo », « 640 ko ». */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

const kinds: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'image JPEG',
  'image/png': 'image PNG',
};

/** The files of a document, each a link to read it back. */
export function FileList({ files, href }: { files: StoredFile[]; href: (file: StoredFile) => string }) {
  return (
    <ul class="plain">
      {files.map((file) => (
        <li key={file.id}>
          <a href={href(file)}>{file.fileName}</a>{' '}
          <span class="meta">
            ({kinds[file.contentType] ?? file.contentType}, {sizeText(file.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}
