import type { FormState } from '../../../../../platform/views/components/forms.js';

/** A piece of the vault the family may send with its reply: a type, for the family or for one child. */
export interface PieceChoice {
  value: string;
  label: string;
}

/**
 * The files of a reply (an answer to « à compléter » is often the missing proof): which piece they
 * are, then the files, last in the form since a multipart form's fields are read up to its first file
 * (the CSRF check comes first). They are stored in « Pièces justificatives », checked by the vault.
 */
export function ReplyAttachment({ form, pieces }: { form: FormState; pieces: PieceChoice[] }) {
  const pieceError = form.errors.piece;
  const filesError = form.errors.fichiers;
  return (
    <fieldset class="field">
      <legend>Joindre une pièce (facultatif)</legend>
      <div class={pieceError ? 'field field--error' : 'field'}>
        <label for="champ-piece">De quelle pièce s’agit-il ?</label>
        {pieceError ? (
          <span class="field__error" id="champ-piece-erreur">
            <span class="visually-hidden">Erreur : </span>
            {pieceError}
          </span>
        ) : null}
        <select
          id="champ-piece"
          name="piece"
          aria-invalid={pieceError ? 'true' : undefined}
          aria-describedby={pieceError ? 'champ-piece-erreur' : undefined}
        >
          <option value="">Aucune pièce jointe</option>
          {pieces.map((piece) => (
            <option key={piece.value} value={piece.value} selected={form.values.piece === piece.value}>
              {piece.label}
            </option>
          ))}
        </select>
      </div>
      <div class={filesError ? 'field field--error' : 'field'}>
        <label for="champ-fichiers">Fichiers de la pièce</label>
        <span class="hint" id="champ-fichiers-aide">
          PDF, JPEG ou PNG, 10 Mo au plus par fichier, 10 fichiers au plus ; une photo par page pour un document de
          plusieurs pages. La pièce rejoint vos pièces justificatives, où le guichet unique la valide.
        </span>
        {filesError ? (
          <span class="field__error" id="champ-fichiers-erreur">
            <span class="visually-hidden">Erreur : </span>
            {filesError}
          </span>
        ) : null}
        <input
          type="file"
          id="champ-fichiers"
          name="fichiers"
          multiple
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-invalid={filesError ? 'true' : undefined}
          aria-describedby={filesError ? 'champ-fichiers-aide champ-fichiers-erreur' : 'champ-fichiers-aide'}
        />
      </div>
    </fieldset>
  );
}
