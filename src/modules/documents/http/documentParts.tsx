import { Badge, type BadgeTone } from '../../../platform/views/components/Badge.js';
import { formatFileSize } from '../../../shared/format.js';
import { stateText } from '../domain/stateText.js';
import type { DocumentState } from '../domain/documentState.js';
import type { StoredFile } from '../documentsRepository.js';

const documentTones: Record<DocumentState['state'], BadgeTone> = {
  'to-provide': 'warning',
  pending: 'info',
  validated: 'success',
  refused: 'error',
  expired: 'warning',
};

export function StateTag({ state, required }: { state: DocumentState; required?: boolean }) {
  return <Badge tone={documentTones[state.state]}>{stateText(state, required)}</Badge>;
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
            ({kinds[file.contentType] ?? file.contentType}, {formatFileSize(file.size)})
          </span>
        </li>
      ))}
    </ul>
  );
}
