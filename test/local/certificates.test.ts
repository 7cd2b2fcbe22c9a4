import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CERTIFICATES_TAB } from '../../src/domain/certificates';
import { CHOICE_FORM, csvColumns } from '../../src/domain/forms';
import { LOG_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { Table } from '../../src/domain/table';
import { LocalDrive } from '../../src/local/local-drive';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, importApplications, initScheme, menteeRow, mentorRow } from '../support/cli';
import { killAtBoundary } from '../support/kill';
import { describePdf, pdfFonts, pdfPages, pdfText, renderPage } from '../support/poppler';
import { tempDir } from '../support/temp';

const COHORT = 'Carfan 2026–27';
/** Welsh, Irish, Polish, Hungarian and Norwegian letters the standard PDF fonts cannot encode. */
const MENTORS = [
  'Llŷr Gŵyn',
  'Siobhán Ní Bhriain',
  'Łukasz Dąbrowski',
  'Zsófia Erdős',
  'Øystein Ødegård',
  'Ciarán Ó Súilleabháin',
  'Gwenllïan ap Dafydd',
  'Ann Jones',
];
/** Ann Jones's pair ended early: she is not eligible until staff say so. */
const ELIGIBLE = MENTORS.filter((m) => m !== 'Ann Jones');
/** By surname, the default: "ap Dafydd" under A, "Ó Súilleabháin" under O, before "Ødegård". */
const BY_SURNAME = [
  'Gwenllïan ap Dafydd',
  'Łukasz Dąbrowski',
  'Zsófia Erdős',
  'Llŷr Gŵyn',
  'Siobhán Ní Bhriain',
  'Ciarán Ó Súilleabháin',
  'Øystein Ødegård',
];

/** A scheme whose eight mentors each have a confirmed pair (Ann Jones's then marked Ended). */
async function scheme(dir: string): Promise<void> {
  await initScheme(dir);
  for (const [k, v] of [
    ['Cohort', COHORT],
    ['Mentor places', '8'],
    ['Mentee places', '8'],
    ['Daily email limit', '1000'],
    ['Certificates folder', 'Certificates'],
    ['Certificate date', '25 January 2027'],
  ]) {
    expect((await cli(dir, 'settings', 'set', k, v)).code).toBe(0);
  }
  LocalDrive.seedFolder(path.join(dir, 'out', 'drive'), 'Certificates');
  const mentors = MENTORS.map((name, i) =>
    mentorRow({
      'Email address': `mentor${i}@m${i}.example`,
      'Full name': name,
      'Library service': `Service ${i}`,
      'How many mentees could you support?': '1',
    }),
  );
  const mentees = MENTORS.map((_, i) =>
    menteeRow({
      'Email address': `mentee${i}@e${i}.example`,
      'Full name': `Mentee ${i}`,
      'Library service': `Mentee service ${i}`,
    }),
  );
  await importApplications(dir, mentors, mentees);
  await cli(dir, 'review-applications');
  const option = (i: number) => `${MENTORS[i % 8]} — Service ${i % 8}`;
  const choices = MENTORS.map((_, i) => [
    '2026/07/14 10:00:00 am GMT+1',
    `mentee${i}@e${i}.example`,
    option(i),
    option(i + 1),
    option(i + 2),
  ]);
  fs.writeFileSync(path.join(dir, 'c.csv'), stringify([csvColumns(CHOICE_FORM), ...choices]));
  await cli(dir, 'import', '--form', 'choices', path.join(dir, 'c.csv'));
  expect((await cli(dir, 'match')).code).toBe(0);
  expect((await cli(dir, 'confirm-matches')).code).toBe(0);
  await editTab(dir, MATCHES_TAB, (t) => {
    const row = t.rows.findIndex((_, r) => t.text(r, 'Mentor name') === 'Ann Jones');
    t.set(row, 'Status', 'Ended');
  });
}

async function editTab(
  dir: string,
  spec: typeof MATCHES_TAB,
  edit: (t: Table) => void,
): Promise<void> {
  const book = await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false });
  const table = new Table(spec, book.readTab(spec.name));
  edit(table);
  book.writeTab(spec, table.toData());
  await book.save();
}

async function readTab(dir: string, spec: typeof MATCHES_TAB): Promise<Table> {
  const book = await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false });
  return new Table(spec, book.readTab(spec.name));
}

const folder = (dir: string) => path.join(dir, 'out', 'drive', 'Certificates');
const certificateFiles = (dir: string) =>
  fs
    .readdirSync(folder(dir))
    .filter((f) => f.endsWith('.pdf') && !f.includes('all certificates'))
    .sort();
const combinedFiles = (dir: string) =>
  fs.readdirSync(folder(dir)).filter((f) => f.includes('all certificates'));

describePdf('certificates, locally', () => {
  const dir = tempDir();
  let first: { code: number; out: string };
  beforeAll(async () => {
    await scheme(dir);
    first = await cli(dir, 'make-certificates');
  }, 180_000);

  it('makes one certificate per eligible mentor, each with the exact name and the cohort', () => {
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Made 7 certificates; 7 of 7 eligible mentors have one\./);
    const files = certificateFiles(dir);
    expect(files).toHaveLength(ELIGIBLE.length);
    for (const name of ELIGIBLE) {
      const file = files.find((f) => f.startsWith(name.normalize('NFC')));
      expect(file).toBeDefined();
      const text = pdfText(path.join(folder(dir), file!));
      expect(text).toContain(name);
      expect(text).toContain(COHORT);
      expect(text).toContain('25 January 2027');
    }
  });

  it('embeds the whole font in every certificate (pdffonts: emb yes, sub no)', () => {
    for (const file of [...certificateFiles(dir), ...combinedFiles(dir)]) {
      const fonts = pdfFonts(path.join(folder(dir), file));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font).toMatchObject({ emb: 'yes', sub: 'no' });
        expect(font.name).toMatch(/DejaVuSerif/);
      }
    }
  });

  it('makes one combined PDF for printing: one page per eligible mentor, by surname', () => {
    const [combined] = combinedFiles(dir);
    const file = path.join(folder(dir), combined);
    expect(pdfPages(file)).toBe(ELIGIBLE.length);
    const order = BY_SURNAME.map((_, page) => {
      const text = pdfText(file, page + 1);
      return ELIGIBLE.find((name) => text.includes(name));
    });
    expect(order).toEqual(BY_SURNAME);
  });

  it('draws something a printer would print (a rendered page is not blank)', () => {
    const [combined] = combinedFiles(dir);
    const { width, height, pixels } = renderPage(path.join(folder(dir), combined), 1);
    expect(width).toBeGreaterThan(height);
    const dark = pixels.filter((p) => p < 128).length / pixels.length;
    expect(dark).toBeGreaterThan(0.01);
    expect(dark).toBeLessThan(0.5);
    // The name line, a third of the way down, has ink across its middle.
    const row = Math.round(height * 0.49);
    const line = pixels.subarray(row * width, (row + 1) * width);
    expect(line.filter((p) => p < 128).length).toBeGreaterThan(5);
  });

  it('explains who is not eligible, and lets staff override with a reason', async () => {
    let tab = await readTab(dir, CERTIFICATES_TAB);
    const ann = tab.rows.findIndex((_, r) => tab.text(r, 'Name') === 'Ann Jones');
    expect(tab.text(ann, 'Eligible')).toBe('No');
    expect(tab.text(ann, 'Why')).toMatch(/ended early/);
    // An override without its reason is refused, in one sentence.
    await editTab(dir, CERTIFICATES_TAB, (t) => t.set(ann, 'Override', 'Yes'));
    const refused = await cli(dir, 'make-certificates');
    expect(refused.out).toMatch(/Ann Jones: an Override needs its reason/);
    expect(certificateFiles(dir)).toHaveLength(7);
    await editTab(dir, CERTIFICATES_TAB, (t) =>
      t.set(ann, 'Override reason', 'Her mentee moved abroad in December'),
    );
    const accepted = await cli(dir, 'make-certificates');
    expect(accepted.out).toMatch(/^Made 1 certificate; 8 of 8 eligible mentors have one\./);
    tab = await readTab(dir, CERTIFICATES_TAB);
    expect(tab.text(ann, 'Why')).toBe('staff: Yes (Her mentee moved abroad in December)');
    expect(certificateFiles(dir)).toHaveLength(8);
    // The list changed, so there is a new combined PDF with her page too.
    const newest = combinedFiles(dir).find((f) => f.includes('(2)'));
    expect(pdfPages(path.join(folder(dir), newest!))).toBe(8);
  });

  it('a second make-certificates makes nothing and changes nothing', async () => {
    const before = fs.readdirSync(folder(dir)).map((f) => {
      const stat = fs.statSync(path.join(folder(dir), f));
      return `${f} ${stat.size} ${stat.mtimeMs}`;
    });
    const again = await cli(dir, 'make-certificates');
    expect(again.out).toMatch(/^Made 0 certificates; 8 of 8 eligible mentors have one\./);
    expect(again.out).toMatch(/\(unchanged\)/);
    const after = fs.readdirSync(folder(dir)).map((f) => {
      const stat = fs.statSync(path.join(folder(dir), f));
      return `${f} ${stat.size} ${stat.mtimeMs}`;
    });
    expect(after).toEqual(before);
  });

  it('a corrected name or a staff Remake makes a new version; the old one stays in the Log', async () => {
    await editTab(dir, CERTIFICATES_TAB, (t) => {
      const row = t.rows.findIndex((_, r) => t.text(r, 'Name') === 'Siobhán Ní Bhriain');
      t.set(row, 'Name', 'Siobhán Ní Bhriain-Walsh');
      const remake = t.rows.findIndex((_, r) => t.text(r, 'Name') === 'Llŷr Gŵyn');
      t.set(remake, 'Remake', 'Yes');
    });
    const result = await cli(dir, 'make-certificates');
    expect(result.out).toMatch(/^Made 2 certificates;/);
    const files = certificateFiles(dir);
    expect(files).toContain(`Siobhán Ní Bhriain-Walsh – ${COHORT} certificate (v2).pdf`);
    expect(files).toContain(`Llŷr Gŵyn – ${COHORT} certificate (v2).pdf`);
    expect(files).toContain(`Siobhán Ní Bhriain – ${COHORT} certificate.pdf`);
    expect(
      pdfText(path.join(folder(dir), `Siobhán Ní Bhriain-Walsh – ${COHORT} certificate (v2).pdf`)),
    ).toContain('Siobhán Ní Bhriain-Walsh');
    const log = await readTab(dir, LOG_TAB);
    const keys = log.rows
      .map((_, r) => log.text(r, 'Key'))
      .filter((k) => k.startsWith('certificate:mentor1@'));
    expect(keys.map((k) => /:v(\d+):/.exec(k)?.[1])).toEqual(['1', '2']);
    const tab = await readTab(dir, CERTIFICATES_TAB);
    const row = tab.rows.findIndex((_, r) => tab.text(r, 'Name') === 'Llŷr Gŵyn');
    expect(tab.text(row, 'Version')).toBe('2');
    expect(tab.text(row, 'Remake')).toBe('');
    expect((await cli(dir, 'make-certificates')).out).toMatch(/^Made 0 certificates/);
  });

  it('holds certificates for the conference, then e-mails each once, attached, when staff choose', async () => {
    const mail = path.join(dir, 'out', 'mail');
    const certificateMail = () =>
      fs.existsSync(mail)
        ? fs.readdirSync(mail).filter((f) => f.startsWith('mail_certificate'))
        : [];
    expect(certificateMail()).toEqual([]);
    const sent = await cli(dir, 'send-certificates');
    expect(sent.out).toMatch(/^Sent 8 certificate e-mails\. 8 of 8 eligible mentors have one\./);
    expect(certificateMail()).toHaveLength(8);
    const llyr = certificateMail()
      .map((f) => fs.readFileSync(path.join(mail, f), 'utf8'))
      .find((m) => m.includes('To: mentor0@m0.example'));
    // The attachment is the PDF itself: decoded, it is Llŷr's current (v2) certificate.
    const part = llyr!.split(/\n--/).find((p) => /Content-Type: application\/pdf/.test(p));
    expect(part).toMatch(/Content-Disposition: attachment/);
    const pdf = Buffer.from(part!.split(/\n\n/)[1], 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const attached = path.join(dir, 'attached.pdf');
    fs.writeFileSync(attached, pdf);
    expect(pdfText(attached)).toContain('Llŷr Gŵyn');
    expect(
      pdf.equals(
        fs.readFileSync(path.join(folder(dir), `Llŷr Gŵyn – ${COHORT} certificate (v2).pdf`)),
      ),
    ).toBe(true);
    expect((await cli(dir, 'send-certificates')).out).toMatch(
      /^Sent 0 certificate e-mails; 8 had already been sent\./,
    );
    expect(certificateMail()).toHaveLength(8);
  });

  it('prints in the order staff choose: by first name, a new combined PDF', async () => {
    expect((await cli(dir, 'settings', 'set', 'Certificate order', 'First name')).code).toBe(0);
    const result = await cli(dir, 'make-certificates');
    expect(result.out).toMatch(/^Made 0 certificates; 8 of 8 eligible mentors have one\./);
    const file = path.join(folder(dir), `${COHORT} – all certificates (first name).pdf`);
    expect(result.out).toContain('all certificates (first name).pdf (new)');
    const expected = [
      'Ann Jones',
      'Ciarán Ó Súilleabháin',
      'Gwenllïan ap Dafydd',
      'Llŷr Gŵyn',
      'Łukasz Dąbrowski',
      'Øystein Ødegård',
      'Siobhán Ní Bhriain-Walsh',
      'Zsófia Erdős',
    ];
    expect(pdfPages(file)).toBe(expected.length);
    const pages = expected.map((_, page) => pdfText(file, page + 1));
    expect(pages.map((text) => expected.find((name) => text.includes(name)))).toEqual(expected);
  });
});

describePdf('certificates after a SIGKILL', () => {
  it('a run killed between making a certificate and recording it, then re-run, leaves exactly one per eligible mentor', async () => {
    const dir = tempDir();
    await scheme(dir);
    // Each certificate passes two effect boundaries: made, then recorded in the Log. The 5th is
    // right after the 3rd certificate was made and before the Log recorded it.
    const marker = await killAtBoundary(dir, 'make-certificates', 5);
    expect(marker).toMatch(/ 5 \(made certificate:/);
    // The state under test: three certificates made, only two recorded in the Log's journal.
    const record = JSON.parse(
      fs.readFileSync(path.join(folder(dir), '.certificates.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(record)).toHaveLength(3);
    const journal = fs
      .readFileSync(path.join(dir, 'scheme.xlsx.journal'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { key: string; state: string });
    expect(
      journal.filter((r) => r.key.startsWith('certificate:') && r.state === 'done'),
    ).toHaveLength(2);
    const rerun = await cli(dir, 'make-certificates');
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/7 of 7 eligible mentors have one\./);
    const files = certificateFiles(dir);
    expect(files).toHaveLength(ELIGIBLE.length);
    expect(files.filter((f) => / \(\d+\)\.pdf$/.test(f))).toEqual([]);
    for (const name of ELIGIBLE) {
      expect(files.filter((f) => f.startsWith(name))).toHaveLength(1);
    }
    const log = await readTab(dir, LOG_TAB);
    const done = log.rows
      .map((_, r) => [log.text(r, 'Key'), log.text(r, 'State')])
      .filter(([k, s]) => k.startsWith('certificate:') && s === 'done');
    expect(new Set(done.map(([k]) => k)).size).toBe(ELIGIBLE.length);
    expect((await cli(dir, 'make-certificates')).out).toMatch(/^Made 0 certificates/);
  }, 180_000);
});
