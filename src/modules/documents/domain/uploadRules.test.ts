import { describe, expect, it } from 'vitest';
import { cleanFileName, firstPdfProblem, nameWasUnsafe, pdfNames, pdfProblemIn, sniffType } from './uploadRules.js';

describe('the type of a file', () => {
  it('is read from its first bytes', () => {
    expect(sniffType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
  });
  it('is nothing for an executable, a text, an empty file', () => {
    expect(sniffType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffType(Buffer.from('\x7fELF'))).toBeNull();
    expect(sniffType(Buffer.from('%PDF'))).toBeNull();
    expect(sniffType(Buffer.alloc(0))).toBeNull();
  });
});

describe('a file name', () => {
  it('loses its path and takes the extension of its real type', () => {
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\aurelie\\scan.exe', 'image/png')).toBe('scan.png');
    expect(cleanFileName('facture.pdf', 'application/pdf')).toBe('facture.pdf');
  });
  it('loses bidi and control characters, and a hidden dot start', () => {
    const reversed = 'facture\u202Efdp.exe';
    expect(nameWasUnsafe(reversed)).toBe(true);
    expect(cleanFileName(reversed, 'application/pdf')).toBe('facturefdp.pdf');
    expect(cleanFileName('.\u0000', 'image/jpeg')).toBe('document.jpg');
    expect(nameWasUnsafe('justificatif de domicile.pdf')).toBe(false);
  });
  it('is at most 100 characters before its extension', () => {
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf')).toHaveLength(104);
  });
});

describe('a PDF', () => {
  it('is read name by name, the first dangerous one found as all names would find it', () => {
    const texts = [
      '<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>',
      '<< /S /J#61vaScript >>',
      '<< /Names << /EmbeddedFiles 4 0 R >> >> /Encrypt 5 0 R',
      'trailer << /Root 1 0 R /Encrypt 5 0 R >>',
      '<< /Type /Page /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /constructor /__proto__ /toString /hasOwnProperty >>',
    ];
    expect(texts.map(firstPdfProblem)).toEqual(['javascript', 'javascript', 'embedded-file', 'encrypted', null, null]);
    expect(texts.map((text) => pdfProblemIn(pdfNames(text)))).toEqual(texts.map(firstPdfProblem));
  });

  it('with JavaScript, an embedded file or encryption is found out, escaped names too', () => {
    expect(pdfProblemIn(pdfNames('<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>'))).toBe(
      'javascript',
    );
    expect(pdfProblemIn(pdfNames('<< /S /J#61vaScript >>'))).toBe('javascript');
    expect(pdfProblemIn(pdfNames('<< /Names << /EmbeddedFiles 4 0 R >> >>'))).toBe('embedded-file');
    expect(pdfProblemIn(pdfNames('trailer << /Root 1 0 R /Encrypt 5 0 R >>'))).toBe('encrypted');
  });
  it('with pages and fonts only is fine', () => {
    expect(pdfProblemIn(pdfNames('<< /Type /Page /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>'))).toBe(
      null,
    );
  });
});
