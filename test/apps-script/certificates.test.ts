import vm from 'node:vm';
import { inert } from '../../src/apps-script/services';
import { SlidesCertificates } from '../../src/apps-script/slides-certificates';
import { keyMarker } from '../../src/apps-script/drive-app';
import { PDF_MIME, SLIDES_MIME, type FakeOptions } from '../fakes/apps-script';
import { drawSlidesPdf, pdfPagesText } from '../fakes/apps-script/pdf';
import { bundleCode, loadBundle } from '../support/bundle';
import { seedConfirmedPairs } from '../support/fake-pairs';
import { fakeServices } from '../support/fake-services';
import { fillPeopleSettings } from '../support/people';

/** The template staff made in Slides: placeholders in double braces among ordinary words. */
const TEMPLATE = [
  [
    '{{Scheme name}}',
    'Certificate of mentoring',
    'Awarded to {{Name}} of {{Library service}}',
    'for mentoring in {{Cohort}}',
    'Date: {{Date}}',
    'Hours: {{Hours}}',
    'Not placeholders: {{name}}, {Name}, Name, DATE, {{ Date }}',
  ],
];

/**
 * A Sheet with `n` mentors in confirmed pairs, a Slides template and a Certificates folder. The
 * mentors are called `names` where given, else "Llŷr Gŵyn", "Mentor 1", "Mentor 2", ...
 */
function scheme(n: number, options: FakeOptions = {}, names: readonly string[] = []) {
  const { fake, call } = loadBundle(options);
  fake.quiet(() => call('setUpWorkbook'));
  const folderId = fake.drive.seedFolder('Certificates');
  const templateId = fake.slides.seedPresentation('Certificate template', undefined, TEMPLATE);
  const settings = fake.spreadsheet.values('Settings');
  const set = (label: string, value: string) => {
    const row = settings.findIndex((r) => r[0] === label);
    settings[row][1] = value;
  };
  set('Certificates folder', folderId);
  set('Certificate template', templateId);
  set('Certificate date', '2027-01-25');
  set('Cohort', 'Cohort 2026–27');
  fake.spreadsheet.seed(
    'Settings',
    settings.map((r) => r.map(inert)),
  );
  fillPeopleSettings(fake);
  seedConfirmedPairs(fake, n, (i) => names[i] ?? (i === 0 ? 'Llŷr Gŵyn' : `Mentor ${i}`));
  // A column staff added to the Certificates tab fills {{Hours}}.
  fake.spreadsheet.seed('Certificates', [
    ['Mentor', 'Hours'],
    ['mentor0@lib0.example', '12'],
  ]);
  fake.calls.reset();
  return { fake, call, folderId, templateId };
}

/** A certificate PDF (not the combined one): its description carries a certificate key. */
function isCertificate(file: { description: string | null; mimeType: string }): boolean {
  return (
    file.mimeType === PDF_MIME && /^peer-mentoring:certificate:[^#]*$/.test(file.description ?? '')
  );
}

describe('make-certificates on Google (the bundle on the fake)', () => {
  it('fills every placeholder exactly, exports one PDF per mentor into the folder and trashes the copies', () => {
    const { fake, call, folderId, templateId } = scheme(5);
    call('makeCertificates');
    expect(fake.ui.alertDetails.at(-1)?.prompt ?? fake.ui.alerts.at(-1)).toMatch(
      /Made 5 certificates; 5 of 5 eligible mentors have one\./,
    );
    expect(fake.ui.alertDetails.at(-1)?.prompt ?? fake.ui.alerts.at(-1)).toMatch(
      /For printing: Cohort 2026–27 – all certificates \(surname\)\.pdf \(new\)/,
    );
    const files = fake.drive.files(folderId);
    const pdfs = files.filter((f) => f.mimeType === PDF_MIME && !f.trashed && isCertificate(f));
    expect(pdfs).toHaveLength(5);
    expect(new Set(pdfs.map((f) => f.description)).size).toBe(5);
    for (const pdf of pdfs) expect(pdf.description).toMatch(/^peer-mentoring:certificate:/);
    const copies = files.filter((f) => f.mimeType === SLIDES_MIME);
    expect(copies).toHaveLength(5);
    expect(copies.every((c) => c.trashed)).toBe(true);

    const llyr = pdfs.find((f) => f.name === 'Llŷr Gŵyn – Cohort 2026–27 certificate.pdf');
    expect(fake.slides.pdfText(llyr!.id)).toEqual([
      [
        'Libraries Connected Peer Mentoring Scheme',
        'Certificate of mentoring',
        'Awarded to Llŷr Gŵyn of Mentor service 0',
        'for mentoring in Cohort 2026–27',
        'Date: 25 January 2027',
        'Hours: 12',
        'Not placeholders: {{name}}, {Name}, Name, DATE, {{ Date }}',
      ],
    ]);
    // A blank placeholder leaves its label (the PDF's text has no trailing space to show).
    const other = pdfs.find((f) => f.name.startsWith('Mentor 3 '));
    expect(fake.slides.pdfText(other!.id)?.[0][2]).toBe('Awarded to Mentor 3 of Mentor service 3');
    expect(fake.slides.pdfText(other!.id)?.[0][5]).toBe('Hours:');
    // The template itself is never edited.
    expect(fake.slides.text(templateId)).toEqual(TEMPLATE);

    // Run again: nothing new.
    const before = fake.drive.files(folderId).length;
    call('makeCertificates');
    expect(fake.ui.alertDetails.at(-1)?.prompt ?? fake.ui.alerts.at(-1)).toMatch(
      /Made 0 certificates; 5 of 5 eligible mentors have one\./,
    );
    expect(fake.drive.files(folderId)).toHaveLength(before);
  });

  it('makes a constant number of Drive and Slides calls per certificate', () => {
    const calls = (n: number) => {
      const { fake, call } = scheme(n);
      call('makeCertificates');
      return fake.calls.total('Drive') + fake.calls.total('Slides');
    };
    const [c5, c15] = [calls(5), calls(15)];
    // Documented in docs/apps-script.md: 13 calls plus one replaceAllText per placeholder (6 here:
    // Name, Library service, Hours, Cohort, Scheme name, Date), and 2 to read it for the combined
    // PDF (getFileById, getBlob).
    expect((c15 - c5) / 10).toBe(13 + 6 + 2);
  });

  it('e-mails each certificate, attached as a PDF, only when staff choose', () => {
    const { fake, call } = scheme(3);
    call('makeCertificates');
    expect(fake.sentMail).toHaveLength(0);
    call('sendCertificates');
    expect(fake.sentMail).toHaveLength(3);
    const llyr = fake.sentMail.find((m) => m.to === 'mentor0@lib0.example');
    expect(llyr?.attachments).toEqual([
      expect.objectContaining({
        name: 'Llŷr Gŵyn – Cohort 2026–27 certificate.pdf',
        contentType: PDF_MIME,
      }),
    ]);
    expect(pdfPagesText(llyr!.attachments![0].bytes)[0]).toContain(
      'Awarded to Llŷr Gŵyn of Mentor service 0',
    );
    call('sendCertificates');
    expect(fake.sentMail).toHaveLength(3);
  });

  it('300 mentors on a consumer account: executions under 6 minutes, the Slides quota respected, one PDF each, every copy trashed', () => {
    const n = 300;
    const { fake, call, folderId } = scheme(n, {
      account: 'consumer',
      latency: true,
      enforceTimeLimit: true,
    });
    const continuations = () =>
      fake.quiet(() => fake.triggers().filter((t) => t.getHandlerFunction() === 'continueJobs'));
    const executions: number[] = [];
    const madePerExecution: number[] = [];
    const pdfCount = () =>
      fake.quiet(() => fake.drive.files(folderId).filter((f) => f.mimeType === PDF_MIME).length);
    let mostInADay = 0;
    fake.clock.startExecution();
    call('makeCertificates');
    executions.push(fake.clock.elapsedInExecution());
    for (let guard = 0; guard < 500; guard += 1) {
      mostInADay = Math.max(mostInADay, fake.slides.createdInLastDay());
      expect(continuations().length).toBeLessThanOrEqual(1);
      const pending = continuations().filter((t) => !(t as unknown as { fired?: boolean }).fired);
      if (pending.length === 0) break;
      const due = fake.dueTriggers();
      if (due.length === 0) {
        fake.clock.advanceTo((pending[0] as unknown as { dueAt: Date }).dueAt);
        continue;
      }
      fake.runDueTriggers((name, event) => {
        const before = pdfCount();
        call(name, event);
        executions.push(fake.clock.elapsedInExecution());
        madePerExecution.push(pdfCount() - before);
      });
    }
    expect(fake.consoleOutput.filter((c) => c.level === 'error')).toEqual([]);
    expect(continuations()).toHaveLength(0);
    expect(executions.length).toBeGreaterThan(5);
    expect(Math.max(...executions)).toBeLessThan(6 * 60_000);
    expect(mostInADay).toBeLessThanOrEqual(250);
    const files = fake.drive.files(folderId);
    const pdfs = files.filter((f) => f.mimeType === PDF_MIME && !f.trashed && isCertificate(f));
    expect(pdfs).toHaveLength(n);
    expect(new Set(pdfs.map((f) => f.description)).size).toBe(n);
    expect(files.filter((f) => f.mimeType === SLIDES_MIME && !f.trashed)).toEqual([]);
    const tab = fake.spreadsheet.values('Certificates');
    const version = tab[0].indexOf('Version');
    expect(tab.slice(1).every((r) => r[version] === 1)).toBe(true);
    // The combined PDF, made once all 300 were: 300 pages, by surname (the numbers of "Mentor 1",
    // "Mentor 2", ... before Gŵyn), each page that mentor's certificate.
    const combined = files.filter((f) =>
      /^peer-mentoring:certificates-combined:/.test(f.description ?? ''),
    );
    expect(combined).toHaveLength(1);
    const pages = pdfPagesText(combined[0].bytes!);
    expect(pages).toHaveLength(n);
    // The run that made the last certificates had no time left to read all 300: the next one
    // made the combined PDF, and nothing else.
    expect(madePerExecution.at(-1)).toBe(1);
    const names = pages.map((page) => /^Awarded to (.*) of /.exec(page[2])?.[1]);
    expect(names).toEqual([
      ...Array.from({ length: n - 1 }, (_, i) => `Mentor ${i + 1}`),
      'Llŷr Gŵyn',
    ]);
    console.log(
      `300 certificates: ${executions.length} executions, longest ${(Math.max(...executions) / 60_000).toFixed(2)} min, at most ${mostInADay} Slides copies in 24 h; made per continuation (the combined PDF counts one): ${madePerExecution.join(' ')}; the combined PDF's own execution took ${(executions.at(-1)! / 60_000).toFixed(2)} min; combined PDF ${Math.round(combined[0].bytes!.length / 1024)} KB`,
    );
  }, 240_000);
});

describe('the combined PDF for printing on Google (pdf-lib in the bundle, on the fake)', () => {
  const NAMES = ['Llŷr Gŵyn', 'Zoë Adams', 'Bea Young', 'Órla Murphy', 'Ken Nowak'];
  const combinedFiles = (fake: ReturnType<typeof scheme>['fake'], folderId: string) =>
    fake.drive
      .files(folderId)
      .filter((f) => /^peer-mentoring:certificates-combined:/.test(f.description ?? ''));
  const alert = (fake: ReturnType<typeof scheme>['fake']) =>
    fake.ui.alertDetails.at(-1)?.prompt ?? fake.ui.alerts.at(-1) ?? '';
  /** Who each page of a PDF is for. */
  const awarded = (bytes: Uint8Array) =>
    pdfPagesText(bytes).map((page) => /^Awarded to (.*) of /.exec(page[2])?.[1]);
  const setOrder = (fake: ReturnType<typeof scheme>['fake'], order: string) => {
    const settings = fake.spreadsheet.values('Settings');
    settings[settings.findIndex((r) => r[0] === 'Certificate order')][1] = order;
    fake.spreadsheet.seed(
      'Settings',
      settings.map((r) => r.map(inert)),
    );
  };

  it('bundles pdf-lib once, minified, keeping dist/Code.js near 1 MB (it was 0.4 MB without it)', () => {
    const code = bundleCode();
    // Apps Script parses the whole file on every execution; Google documents no size limit.
    expect(Buffer.byteLength(code)).toBeLessThan(1_300_000);
    // One copy of pdf-lib (a name only it uses), minified: no module path comments of its files.
    expect(code.match(/FontkitNotRegisteredError/g)).toHaveLength(1);
    expect(code).not.toMatch(/node_modules\/pdf-lib\//);
  });

  it('runs where only what Apps Script has exists: no setTimeout, TextEncoder, Buffer or require', () => {
    const { context } = loadBundle();
    expect(
      vm.runInContext(
        '[typeof setTimeout, typeof setImmediate, typeof queueMicrotask, typeof TextEncoder, typeof TextDecoder, typeof Buffer, typeof require, typeof process].join()',
        context,
      ),
    ).toBe(Array(8).fill('undefined').join());
  });

  it('has one page per eligible mentor in the order staff chose, each their own certificate', () => {
    const { fake, call, folderId } = scheme(5, {}, NAMES);
    call('makeCertificates');
    const [combined] = combinedFiles(fake, folderId);
    expect(combined).toMatchObject({
      name: 'Cohort 2026–27 – all certificates (surname).pdf',
      mimeType: PDF_MIME,
    });
    expect(alert(fake)).toContain(`For printing: ${combined.name} (new) ${combined.url}`);
    expect(awarded(combined.bytes!)).toEqual([
      'Zoë Adams',
      'Llŷr Gŵyn',
      'Órla Murphy',
      'Ken Nowak',
      'Bea Young',
    ]);
    // Each page is the certificate itself, all its lines (the date, the cohort, ...).
    const pages = pdfPagesText(combined.bytes!);
    expect(pages[1]).toEqual(
      pdfPagesText(
        fake.drive.files(folderId).find((f) => f.name.startsWith('Llŷr Gŵyn') && isCertificate(f))!
          .bytes!,
      )[0],
    );
    expect(pages[1]).toContain('Date: 25 January 2027');
    // The Log has it by its key, as the Certificates folder does.
    const log = fake.spreadsheet.values('Log').map((r) => r.join(' '));
    expect(
      log.filter((l) => l.includes(combined.description!.replace('peer-mentoring:', ''))),
    ).toHaveLength(1);
  });

  it('a second run makes nothing new; another order makes a new version and keeps the old one', () => {
    const { fake, call, folderId } = scheme(5, {}, NAMES);
    call('makeCertificates');
    const files = fake.drive.files(folderId).length;
    call('makeCertificates');
    expect(alert(fake)).toMatch(/Made 0 certificates;/);
    expect(alert(fake)).toMatch(/all certificates \(surname\)\.pdf \(unchanged\)/);
    expect(fake.drive.files(folderId)).toHaveLength(files);

    setOrder(fake, 'First name');
    call('makeCertificates');
    const combined = combinedFiles(fake, folderId);
    expect(combined.map((f) => [f.name, f.trashed])).toEqual([
      ['Cohort 2026–27 – all certificates (surname).pdf', false],
      ['Cohort 2026–27 – all certificates (first name).pdf', false],
    ]);
    expect(awarded(combined[1].bytes!)).toEqual([
      'Bea Young',
      'Ken Nowak',
      'Llŷr Gŵyn',
      'Órla Murphy',
      'Zoë Adams',
    ]);
    // Back to the first order: that PDF again, not a third.
    setOrder(fake, 'Surname');
    call('makeCertificates');
    expect(alert(fake)).toMatch(/\(surname\)\.pdf \(unchanged\)/);
    expect(combinedFiles(fake, folderId)).toHaveLength(2);
  });

  it('a remade certificate makes a new combined PDF beside the old one, under the next free name', () => {
    const { fake, call, folderId } = scheme(3, {}, NAMES);
    call('makeCertificates');
    const tab = fake.spreadsheet.values('Certificates');
    const remake = tab[0].indexOf('Remake');
    tab[1 + tab.slice(1).findIndex((r) => r[0] === 'mentor1@lib1.example')][remake] = 'Yes';
    fake.spreadsheet.seed(
      'Certificates',
      tab.map((r) => r.map(inert)),
    );
    call('makeCertificates');
    expect(alert(fake)).toMatch(/Made 1 certificate;/);
    expect(combinedFiles(fake, folderId).map((f) => f.name)).toEqual([
      'Cohort 2026–27 – all certificates (surname).pdf',
      'Cohort 2026–27 – all certificates (surname) (2).pdf',
    ]);
    expect(alert(fake)).toMatch(/\(surname\) \(2\)\.pdf \(new\)/);
  });

  it('a crash between making the combined PDF and marking it leaves one, recognised by its content', () => {
    const { fake, call, folderId } = scheme(3, {}, NAMES);
    call('makeCertificates');
    setOrder(fake, 'First name');
    // The run dies right after createFile: the file exists, unmarked, and the Log has nothing.
    fake.failNext('File.setDescription', 1, 'Service error: Drive');
    call('makeCertificates');
    const unmarked = fake.drive
      .files(folderId)
      .filter((f) => f.name === 'Cohort 2026–27 – all certificates (first name).pdf');
    expect(unmarked.map((f) => f.description)).toEqual([null]);
    // A file staff put there under the same name is not taken for it, nor touched.
    fake.drive.seedFile('Cohort 2026–27 – all certificates (first name).pdf', folderId, {
      mimeType: PDF_MIME,
      bytes: drawSlidesPdf([['Seating plan']], 'Seating plan'),
    });
    fake.clock.startExecution();
    call('makeCertificates');
    expect(alert(fake)).toMatch(/all certificates \(first name\)\.pdf \(unchanged\)/);
    const named = fake.drive
      .files(folderId)
      .filter((f) => f.name.startsWith('Cohort 2026–27 – all certificates (first name)'));
    expect(
      named.map((f) => [
        f.id === unmarked[0].id,
        f.description?.startsWith('peer-mentoring:certificates-combined:') ?? null,
      ]),
    ).toEqual([
      [true, true],
      [false, null],
    ]);
  });

  it('a crash between marking the combined PDF and writing the Log leaves one', () => {
    const { fake, call, folderId } = scheme(3, {}, NAMES);
    call('makeCertificates');
    setOrder(fake, 'Library service');
    const before = fake.drive.files(folderId).length;
    fake.failNext('Sheet.appendRow', 1, 'Service error: Spreadsheets');
    call('makeCertificates');
    expect(fake.drive.files(folderId)).toHaveLength(before + 1);
    fake.clock.startExecution();
    call('makeCertificates');
    expect(fake.drive.files(folderId)).toHaveLength(before + 1);
    expect(alert(fake)).toMatch(/\(library service\)\.pdf \(unchanged\)/);
    expect(combinedFiles(fake, folderId)).toHaveLength(2);
  });

  it('a certificate deleted from Drive is one sentence naming it; the certificates stay made', () => {
    const { fake, call, folderId } = scheme(3, {}, NAMES);
    call('makeCertificates');
    const zoe = fake.drive
      .files(folderId)
      .find((f) => f.name.startsWith('Zoë Adams') && isCertificate(f))!;
    fake.drive.remove(zoe.id);
    setOrder(fake, 'First name');
    call('makeCertificates');
    expect(alert(fake)).toContain(
      'The certificate "Zoë Adams – Cohort 2026–27 certificate.pdf" cannot be opened in Drive (was it deleted?): write Yes in Remake on its row in the Certificates tab and run "Make certificates" again.',
    );
    expect(alert(fake)).toMatch(/Made 0 certificates; 3 of 3 eligible mentors have one\./);
    expect(combinedFiles(fake, folderId)).toHaveLength(1);
  });
});

describe('SlidesCertificates after a crash (the adapter on the fake)', () => {
  const request = (folderId: string, templateId: string) => ({
    key: 'certificate:ann@x.example:v1:abc',
    name: 'Ann – Cohort certificate.pdf',
    folderId,
    templateId,
    values: { Name: 'Ann' },
  });

  it('adopts a PDF that was exported but not marked, and trashes the working copy left behind', () => {
    const { fake, services } = fakeServices();
    const folderId = fake.drive.seedFolder('Certificates');
    const templateId = fake.slides.seedPresentation('T', undefined, [['{{Name}}']]);
    const left = fake.drive.seedFile('Ann – Cohort certificate.pdf', folderId, {
      mimeType: SLIDES_MIME,
      content: JSON.stringify([['Ann']]),
      description: `${keyMarker('certificate:ann@x.example:v1:abc')}#copy`,
    });
    const exported = fake.drive.seedFile('Ann – Cohort certificate.pdf', folderId, {
      mimeType: PDF_MIME,
      content: 'exported',
    });
    const port = new SlidesCertificates(services.DriveApp, services.SlidesApp, services.Utilities);
    const item = port.ensureCertificate(request(folderId, templateId));
    expect(item).toMatchObject({ id: exported, created: false });
    expect(fake.drive.item(left)?.trashed).toBe(true);
    expect(fake.drive.item(exported)?.description).toBe(
      keyMarker('certificate:ann@x.example:v1:abc'),
    );
    expect(fake.drive.files(folderId)).toHaveLength(2);
    // And the marked PDF is found again without another copy.
    expect(port.ensureCertificate(request(folderId, templateId))).toMatchObject({
      id: exported,
      created: false,
    });
    expect(fake.slides.createdInLastDay()).toBe(0);
  });

  it('is as strict as Slides: edits reach the PDF only after saveAndClose', () => {
    const { fake, services } = fakeServices();
    const id = fake.slides.seedPresentation('T', undefined, [['Hello {{Name}}']]);
    const presentation = services.SlidesApp.openById(id);
    expect(presentation.replaceAllText('{{name}}', 'x')).toBe(1); // case ignored without matchCase
    const file = services.DriveApp.getFileById(id);
    const exported = () => pdfPagesText(Uint8Array.from(file.getAs(PDF_MIME).getBytes()));
    expect(exported()).toEqual([['Hello {{Name}}']]);
    presentation.saveAndClose();
    expect(exported()).toEqual([['Hello x']]);
    expect(() => presentation.replaceAllText('a', 'b', true)).toThrow(/closed/);
  });
});
