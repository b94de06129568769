import type { TextSection } from '../../../modules/communes/domain/commune.js';

/** A commune's text, section by section; headings at the level the page asks for. */
export function TextSections({ sections, level = 2 }: { sections: TextSection[]; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      {sections.map((section, index) => (
        <section key={index} class="text-section">
          {section.heading ? <Heading>{section.heading}</Heading> : null}
          {section.paragraphs.map((paragraph, p) => (
            <p key={p}>{paragraph}</p>
          ))}
        </section>
      ))}
    </>
  );
}
