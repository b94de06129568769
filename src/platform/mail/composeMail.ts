export interface MailParts {
  /** « Bonjour Madame Martin, » */
  greeting: string;
  paragraphs: string[];
  /** The one thing the mail asks to do; its address is also printed for copy and paste. */
  action?: { label: string; url: string };
  /** May hold several lines (the service, the commune). */
  signature: string;
}

/**
 * A mail as plain, accessible HTML (French, real paragraphs, a real link, no image, no layout
 * table) and the same content as text. Every piece is escaped here: what a citizen typed (a name)
 * can never become markup.
 */
export function composeMail(parts: MailParts): { text: string; html: string } {
  const action = parts.action ? checkedAction(parts.action) : undefined;

  const text = [
    parts.greeting,
    ...parts.paragraphs,
    ...(action ? [`${action.label} :\n${action.url}`] : []),
    parts.signature,
  ].join('\n\n');

  const paragraph = (value: string) => `<p>${escapeHtml(value).replace(/\r?\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1e1e1e;">',
    paragraph(parts.greeting),
    ...parts.paragraphs.map(paragraph),
    ...(action
      ? [
          `<p><a href="${escapeHtml(action.url)}" style="color: #00558c; font-weight: bold;">${escapeHtml(action.label)}</a></p>`,
          `<p>Si le lien ne s'ouvre pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(action.url)}</p>`,
        ]
      : []),
    paragraph(parts.signature),
    '</body>',
    '</html>',
  ].join('\n');

  return { text, html };
}

// Only web addresses: a `javascript:` or `data:` link in a mail would be a trap, never a feature.
function checkedAction(action: { label: string; url: string }): { label: string; url: string } {
  if (!/^https?:\/\//i.test(action.url)) throw new Error(`A mail's link must be an http(s) address, not ${action.url}`);
  return action;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
