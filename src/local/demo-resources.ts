import type { PDFFont } from 'pdf-lib';
import { LocalDrive } from './local-drive';

/** Where the demo keeps the scheme's resources, relative to out/drive. */
export const DEMO_DRIVE = {
  root: 'Peer mentoring pairs',
  handbook: 'Scheme resources/Peer mentoring handbook.pdf',
  templates: 'Scheme resources/Templates',
  certificates: 'Certificates',
};

const HANDBOOK = [
  'Peer Mentoring Scheme: handbook',
  'The scheme builds resilient, strong, well-supported leaders: building leadership skills, confidence and courage, supporting leaders who may feel isolated, and offering practical help with capital projects, restructures, service transformation, working with councillors, budgeting and technical knowledge.',
  'Your first meeting. Agree together how you will work: online or in person (most pairs meet online, some meet in person now and then), how often you will meet, and what the mentee would like to achieve. Record it in the mentoring agreement.',
  'When things go wrong. Talk to each other first if you can. You can always contact the professional supervisor or the scheme team in confidence, or use the confidential concern form.',
  'In January, decide together whether to carry on meeting after the scheme ends.',
];

const TEMPLATES: Record<string, string[]> = {
  'Mentoring agreement.pdf': [
    'Mentoring agreement',
    'Mentor: ____________________   Mentee: ____________________',
    'How we will meet (online / in person): ____________________',
    'How often: ____________________',
    'What the mentee would like to achieve: ____________________',
    'How we will keep in touch between meetings: ____________________',
  ],
  'Meeting notes.pdf': [
    'Meeting notes',
    'Date: __________   Online / in person',
    'What we talked about:',
    'What the mentee will do next:',
    'Next meeting:',
  ],
};

/** Writes the demo's handbook and templates as real PDFs under out/drive. */
export async function seedDemoResources(driveDir: string): Promise<void> {
  LocalDrive.seedFolder(driveDir, DEMO_DRIVE.root);
  LocalDrive.seedFolder(driveDir, DEMO_DRIVE.certificates);
  LocalDrive.seedFile(driveDir, DEMO_DRIVE.handbook, await pdf(HANDBOOK));
  for (const [name, lines] of Object.entries(TEMPLATES)) {
    LocalDrive.seedFile(driveDir, `${DEMO_DRIVE.templates}/${name}`, await pdf(lines));
  }
}

async function pdf(paragraphs: string[]): Promise<Buffer> {
  // Loaded here: only the demo makes PDFs.
  const { PDFDocument, StandardFonts, rgb } = require('pdf-lib') as typeof import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(paragraphs[0]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  let y = 780;
  paragraphs.forEach((text, i) => {
    const size = i === 0 ? 18 : 11;
    const lines = wrap(text, i === 0 ? bold : font, size, 495);
    for (const line of lines) {
      page.drawText(line, {
        x: 50,
        y,
        size,
        font: i === 0 ? bold : font,
        color: rgb(0.1, 0.1, 0.1),
      });
      y -= size * 1.5;
    }
    y -= 10;
  });
  return Buffer.from(await doc.save());
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
