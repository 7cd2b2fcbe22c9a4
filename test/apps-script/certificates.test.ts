import { inert } from '../../src/apps-script/services';
import { SlidesCertificates } from '../../src/apps-script/slides-certificates';
import { keyMarker } from '../../src/apps-script/drive-app';
import { APPLICATIONS_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { PDF_MIME, SLIDES_MIME, type FakeOptions } from '../fakes/apps-script';
import { loadBundle } from '../support/bundle';
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

/** A Sheet with `n` mentors in confirmed pairs, a Slides template and a Certificates folder. */
function scheme(n: number, options: FakeOptions = {}) {
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
  const header = [...APPLICATIONS_TAB.columns];
  const name = (role: string, i: number) =>
    role === 'Mentor' && i === 0 ? 'Llŷr Gŵyn' : `${role} ${i}`;
  const person = (role: string, i: number) => {
    const cells: Record<string, unknown> = {
      ID: `${role[0]}${i}`,
      Role: role,
      Name: name(role, i),
      Email: `${role.toLowerCase()}${i}@lib${i}.example`,
      'Library service': `${role} service ${i}`,
      Status: 'Accepted',
      'Reviewed status': 'Accepted',
    };
    return header.map((h) => inert(cells[h] ?? ''));
  };
  fake.spreadsheet.seed('Applications', [
    header,
    ...Array.from({ length: n }, (_, i) => person('Mentor', i)),
    ...Array.from({ length: n }, (_, i) => person('Mentee', i)),
  ]);
  const mh = [...MATCHES_TAB.columns];
  fake.spreadsheet.seed('Matches', [
    mh,
    ...Array.from({ length: n }, (_, i) =>
      mh.map(
        (h) =>
          ({
            Mentee: `mentee${i}@lib${i}.example`,
            Mentor: `mentor${i}@lib${i}.example`,
            'Mentee name': `Mentee ${i}`,
            'Mentor name': name('Mentor', i),
            Status: 'Confirmed',
          })[h] ?? '',
      ),
    ),
  ]);
  // A column staff added to the Certificates tab fills {{Hours}}.
  fake.spreadsheet.seed('Certificates', [
    ['Mentor', 'Hours'],
    ['mentor0@lib0.example', '12'],
  ]);
  fake.calls.reset();
  return { fake, call, folderId, templateId };
}

describe('make-certificates on Google (the bundle on the fake)', () => {
  it('fills every placeholder exactly, exports one PDF per mentor into the folder and trashes the copies', () => {
    const { fake, call, folderId, templateId } = scheme(5);
    call('makeCertificates');
    expect(fake.ui.alertDetails.at(-1)?.prompt ?? fake.ui.alerts.at(-1)).toMatch(
      /Made 5 certificates; 5 of 5 eligible mentors have one\./,
    );
    expect(fake.ui.alertDetails.at(-1)?.prompt ?? fake.ui.alerts.at(-1)).toMatch(
      /No combined PDF here \(Apps Script cannot merge PDFs\)/,
    );
    const files = fake.drive.files(folderId);
    const pdfs = files.filter((f) => f.mimeType === PDF_MIME && !f.trashed);
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
    const other = pdfs.find((f) => f.name.startsWith('Mentor 3 '));
    expect(fake.slides.pdfText(other!.id)?.[0][2]).toBe('Awarded to Mentor 3 of Mentor service 3');
    expect(fake.slides.pdfText(other!.id)?.[0][5]).toBe('Hours: ');
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
    // Name, Library service, Hours, Cohort, Scheme name, Date).
    expect((c15 - c5) / 10).toBe(13 + 6);
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
    expect(llyr?.attachments?.[0].data).toContain('Awarded to Llŷr Gŵyn');
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
    const pdfs = files.filter((f) => f.mimeType === PDF_MIME && !f.trashed);
    expect(pdfs).toHaveLength(n);
    expect(new Set(pdfs.map((f) => f.description)).size).toBe(n);
    expect(files.filter((f) => f.mimeType === SLIDES_MIME && !f.trashed)).toEqual([]);
    const tab = fake.spreadsheet.values('Certificates');
    const version = tab[0].indexOf('Version');
    expect(tab.slice(1).every((r) => r[version] === 1)).toBe(true);
    console.log(
      `300 certificates: ${executions.length} executions, longest ${(Math.max(...executions) / 60_000).toFixed(2)} min, at most ${mostInADay} Slides copies in 24 h; made per continuation: ${madePerExecution.join(' ')}`,
    );
  }, 240_000);
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
    const port = new SlidesCertificates(services.DriveApp, services.SlidesApp);
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
    expect(file.getAs(PDF_MIME).getDataAsString()).toContain('Hello {{Name}}');
    presentation.saveAndClose();
    expect(file.getAs(PDF_MIME).getDataAsString()).toContain('Hello x');
    expect(() => presentation.replaceAllText('a', 'b', true)).toThrow(/closed/);
  });
});
