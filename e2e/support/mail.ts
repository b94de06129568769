import { expect } from '@playwright/test';
import { MAIL_SINK_HTTP_PORT } from './ports.js';

/** A mail as the SMTP sink received and parsed it (e2e/support/mailSink.ts). */
export interface ReceivedMail {
  from: { name: string; address: string };
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The address the demo commune's mails come from: its guichet unique. */
export const CHANTELOUP_MAIL_FROM = {
  name: 'Espace citoyens de Chanteloup-les-Vignes',
  address: 'guichet-unique@chanteloup-les-vignes.example.org',
};

export async function mailsTo(to: string): Promise<ReceivedMail[]> {
  const response = await fetch(`http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/messages?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`The mail sink answered ${response.status}.`);
  return (await response.json()) as ReceivedMail[];
}

/**
 * Waits for the `nth` mail (1 = the first) to `to` whose subject contains `subjectPart`. Mails
 * leave through a durable job that polls every few seconds: allow some time.
 */
export async function waitForMail(
  to: string,
  subjectPart: string,
  { nth = 1, timeout = 20_000 } = {},
): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(to)).filter((mail) => mail.subject.includes(subjectPart))[nth - 1];
        return found !== undefined;
      },
      {
        message: `mail n° ${nth} to ${to} with « ${subjectPart} » in its subject`,
        timeout,
        intervals: [250, 500, 1000],
      },
    )
    .toBe(true);
  return found!;
}

/** The one link of a mail, as its text part prints it for copy and paste. */
export function linkIn(mail: ReceivedMail): string {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links, `the text part of « ${mail.subject} » holds one link:\n${mail.text}`).toHaveLength(1);
  // Each mail also carries the link in its HTML part, as a real link.
  expect(mail.html).toContain(`href="${links[0]!.replace(/&/g, '&#38;')}"`);
  return links[0]!;
}

/** A commune's mail: From the guichet unique's address with the portal's name, both text and HTML parts. */
export function expectCommuneMail(mail: ReceivedMail, to: string): void {
  expect(mail.from).toEqual(CHANTELOUP_MAIL_FROM);
  expect(mail.to).toEqual([to]);
  expect(mail.subject).toContain('Espace citoyens de Chanteloup-les-Vignes');
  expect(mail.text.trim().length).toBeGreaterThan(0);
  expect(mail.html).toContain('<html lang="fr">');
}
