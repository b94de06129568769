import { stateText } from '../domain/stateText.js';
import type { DocumentState } from '../domain/documentState.js';

export { stateText };
import type { StoredFile } from '../documentsRepository.js';

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
