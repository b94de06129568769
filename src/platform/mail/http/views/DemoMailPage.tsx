import type { ComponentChildren } from 'preact';
import { Layout } from '../../../views/Layout.js';
import type { PageContext } from '../../../views/PageContext.js';
import type { MailboxEntry } from '../../mailboxRepository.js';
import { DemoMailboxNotice, MailDate } from './DemoMailboxPage.js';

/** One mail of the demo mail box: its headers and its text part, with its links clickable. */
export function DemoMailPage({
  context,
  mail,
  basePath,
}: {
  context: PageContext;
  mail: MailboxEntry;
  basePath: string;
}) {
  return (
    // The subject already ends with the site's name, which the layout adds to every title.
    <Layout context={context} title={`${mail.subject.split(' — ')[0]} — Boîte mail de démonstration`}>
      <p>
        <a href={basePath}>Retour à la boîte mail</a>
      </p>
      <h1>{mail.subject}</h1>
      <DemoMailboxNotice />
      <dl>
        <dt>De</dt>
        <dd>{mail.from}</dd>
        <dt>À</dt>
        <dd>{mail.to}</dd>
        <dt>Date</dt>
        <dd>
          <MailDate date={mail.createdAt} />
        </dd>
      </dl>
      <h2>Message</h2>
      {mail.text
        .replace(/\r\n?/g, '\n')
        .split(/\n{2,}/)
        .map((paragraph, index) => (
          <p key={index}>{linkedLines(paragraph)}</p>
        ))}
    </Layout>
  );
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
// Punctuation that ends a sentence rather than the address: « … sur https://exemple.fr. »
const TRAILING_PUNCTUATION = /[.,;:!?)\]»'’]+$/;

/**
 * The text with a line break for each of its lines and a link for each http(s) address. Only text
 * and anchors are made: preact escapes the text, and an address can only become an href.
 */
export function linkedLines(text: string): ComponentChildren[] {
  const children: ComponentChildren[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) children.push(<br />);
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      const url = match[0].replace(TRAILING_PUNCTUATION, '');
      if (match.index > last) children.push(line.slice(last, match.index));
      children.push(<a href={url}>{url}</a>);
      last = match.index + url.length;
    }
    if (last < line.length) children.push(line.slice(last));
  });
  return children;
}
