import type { IntakeProblem } from '../documentIntake.js';

/** What a family reads when an upload is refused: what happened and what to do. Nothing was stored. */
export function uploadRefusalText(
  reason: IntakeProblem | 'incomplete' | 'duplicate' | 'session-ended',
  fileName: string,
): string {
  const named = fileName ? `Le fichier « ${fileName} »` : 'Le fichier';
  switch (reason) {
    // A form cut short (the connection lost): nothing arrived whole.
    case 'incomplete':
    case 'no-file':
      return 'Choisissez au moins un fichier (PDF, JPEG ou PNG).';
    case 'too-many-files':
      return 'Envoyez au plus 10 fichiers pour un même document.';
    case 'empty-file':
      return `${named} est vide : choisissez un autre fichier.`;
    case 'too-large':
      return `${named} dépasse 10 Mo : réduisez-le (photo moins grande, PDF compressé) ou envoyez-le en plusieurs pages.`;
    case 'unsupported-type':
      return `${named} n’est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont acceptés. Sur iPhone, choisissez « Le plus compatible » dans Réglages > Appareil photo > Formats, ou envoyez une capture d’écran.`;
    case 'encrypted':
      return `${named} est un PDF protégé par un mot de passe : enregistrez-le sans protection, ou envoyez une photo du document.`;
    case 'javascript':
    case 'embedded-file':
      return `${named} contient du code ou des fichiers joints, refusés par sécurité : imprimez-le en PDF ou envoyez une photo du document.`;
    case 'not-a-pdf':
      return `${named} est un PDF incomplet ou abîmé : enregistrez-le de nouveau et renvoyez-le.`;
    case 'image-too-large':
      return `${named} est une image trop grande : prenez une photo de plus petite taille.`;
    case 'unreadable-image':
      return `${named} est une image illisible ou abîmée : choisissez un autre fichier.`;
    case 'infected':
      return `${named} a été détecté comme dangereux par l’antivirus et n’a pas été enregistré. Analysez votre appareil, puis envoyez un autre fichier.`;
    case 'scan-unavailable':
      return 'L’analyse des fichiers est momentanément indisponible : rien n’a été enregistré. Réessayez dans quelques minutes.';
    case 'duplicate':
      return 'Ce document vient déjà d’être envoyé : il est en attente de validation.';
    case 'session-ended':
      return 'Votre session a pris fin : reconnectez-vous, puis envoyez de nouveau le document.';
  }
}
