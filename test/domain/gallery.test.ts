import {
  CONTENT_SECURITY_POLICY,
  GalleryMentor,
  renderGallery,
  splitAreas,
  videoEmbed,
} from '../../src/domain/gallery';
import { APPLICATIONS_TAB } from '../../src/domain/tabs';
import { Table } from '../../src/domain/table';
import { acceptedMentors, galleryPage } from '../../src/actions/gallery';

function mentor(overrides: Partial<GalleryMentor> = {}): GalleryMentor {
  return {
    name: 'Ann Jones',
    service: 'Kent Libraries',
    areas: ['Budgeting', 'Working with councillors'],
    video: 'https://youtu.be/abc',
    ...overrides,
  };
}

const page = (mentors: GalleryMentor[]) =>
  renderGallery({ schemeName: 'Peer Mentoring Scheme', cohort: 'Cohort 1', mentors });

describe('videoEmbed', () => {
  it.each([
    [
      'https://drive.google.com/file/d/1AbC_d-9/view?usp=sharing',
      'https://drive.google.com/file/d/1AbC_d-9/preview',
    ],
    ['https://drive.google.com/file/d/1AbC/view', 'https://drive.google.com/file/d/1AbC/preview'],
    ['https://drive.google.com/file/d/1AbC', 'https://drive.google.com/file/d/1AbC/preview'],
    [
      'https://drive.google.com/file/d/1AbC/preview',
      'https://drive.google.com/file/d/1AbC/preview',
    ],
    ['https://drive.google.com/open?id=1AbC-x_', 'https://drive.google.com/file/d/1AbC-x_/preview'],
    [
      'https://drive.google.com/open?usp=sharing&id=1AbC',
      'https://drive.google.com/file/d/1AbC/preview',
    ],
    [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ],
    [
      'https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=30s',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ],
    ['https://youtube.com/watch?v=abc', 'https://www.youtube-nocookie.com/embed/abc'],
    ['https://m.youtube.com/watch?v=abc', 'https://www.youtube-nocookie.com/embed/abc'],
    ['https://youtu.be/dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ?si=xyz', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://www.youtube.com/shorts/a-B_c1', 'https://www.youtube-nocookie.com/embed/a-B_c1'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://vimeo.com/76979871/8f2e1a', 'https://player.vimeo.com/video/76979871?h=8f2e1a'],
    ['  https://vimeo.com/1  ', 'https://player.vimeo.com/video/1'],
    ['HTTPS://WWW.YOUTUBE.COM/watch?v=abc', 'https://www.youtube-nocookie.com/embed/abc'],
  ])('frames %s', (url, src) => {
    expect(videoEmbed(url)).toEqual({ kind: 'iframe', src });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)//https://youtu.be/abc',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'http://www.youtube.com/watch?v=abc', // https only
    '//www.youtube.com/watch?v=abc',
    'www.youtube.com/watch?v=abc',
    'https://drive.google.com.evil.example/file/d/abc/view',
    'https://evil.example/youtube.com/watch?v=abc',
    'https://evil.example/?u=https://youtu.be/abc',
    'https://youtu.be.evil.example/abc',
    'https://notyoutube.com/watch?v=abc',
    'https://evilvimeo.com/123',
    'https://drive.google.com@evil.example/file/d/abc/view',
    'https://evil.example@drive.google.com/file/d/abc/view',
    'https://drive.google.com:8443/file/d/abc/view',
    'https://drive.google.com./file/d/abc/view',
    'https://evil.example\\@drive.google.com/file/d/abc/view',
    'https://evil.example\\.drive.google.com/file/d/abc/view',
    'https://drive.google.com/file/d/abc"onload="alert(1)/view',
    'https://drive.google.com/file/d/abc%22/view',
    'https://drive.google.com/file/d/../../evil/view',
    'https://drive.google.com/file/d/abc/view/extra',
    'https://drive.google.com/drive/folders/abc',
    'https://drive.google.com/open?id=abc<x>',
    'https://www.youtube.com/watch?v=abc%26autoplay%3D1',
    'https://www.youtube.com/watch?v=abc/../x',
    'https://www.youtube.com/watch?vv=abc',
    'https://www.youtube.com/embed/abc?v=abc', // not a watch page
    'https://youtu.be/',
    'https://youtu.be/abc/def',
    'https://vimeo.com/abc',
    'https://vimeo.com/123/ABC?x', // not a privacy hash
    'https://vimeo.com/channels/staffpicks/123',
    'https://player.vimeo.com.evil.example/video/1',
    'https://www.you\u0074ube.com\u200b/watch?v=abc', // zero-width space
    'https://www.yоutube.com/watch?v=abc', // Cyrillic о
    'https://www.you\ntube.com/watch?v=abc', // browsers drop the new line; we do not guess
    'https://youtu.be/a b',
    'my video is on the shared drive',
    '',
  ])('shows %j as plain text', (url) => {
    expect(videoEmbed(url)).toEqual({ kind: 'text', text: url.trim() });
  });

  it('rebuilds the frame address from the ID and never copies the rest of the link', () => {
    const embed = videoEmbed('https://drive.google.com/file/d/abc/view?usp=sharing#"><script>');
    expect(embed).toEqual({ kind: 'iframe', src: 'https://drive.google.com/file/d/abc/preview' });
  });
});

describe('splitAreas', () => {
  it('splits on commas, trims and drops empty or repeated areas', () => {
    expect(splitAreas(' Budgeting ,Working  with councillors,, Budgeting ,')).toEqual([
      'Budgeting',
      'Working with councillors',
    ]);
    expect(splitAreas('')).toEqual([]);
  });
});

describe('renderGallery', () => {
  it('is a complete en-GB HTML5 page with a strict policy: frames from the video hosts only, no scripts', () => {
    const html = page([mentor()]);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('name="viewport"');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain(
      'frame-src https://drive.google.com https://www.youtube-nocookie.com https://player.vimeo.com',
    );
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`,
    );
    expect(html).not.toMatch(/<script|<link|<img|\bon[a-z]+=/i);
    expect(html).toContain('<h1>Meet the mentors</h1>');
    expect(html).toContain('Peer Mentoring Scheme · Cohort 1');
  });

  it('shows each mentor as an article: name, service, areas and a sandboxed, lazy, titled frame', () => {
    const html = page([mentor()]);
    expect(html.match(/<article /g)).toHaveLength(1);
    expect(html).toContain('<h2 id="mentor-1">Ann Jones</h2>');
    expect(html).toContain('<p class="service">Kent Libraries</p>');
    expect(html).toContain('<li>Budgeting</li><li>Working with councillors</li>');
    expect(html).toMatch(
      /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/abc" title="Introduction video: Ann Jones" loading="lazy" allowfullscreen [^>]*sandbox="allow-scripts allow-same-origin allow-presentation"><\/iframe>/,
    );
    expect(html).toContain('<p class="count" id="count">1 mentor</p>');
  });

  it('shows a link it cannot frame as plain text, never as a link', () => {
    const html = page([mentor({ video: 'javascript:alert(1)' })]);
    expect(html).not.toContain('<iframe');
    expect(html).not.toMatch(/<a\b|href=/);
    expect(html).toContain('<code>javascript:alert(1)</code>');
    expect(page([mentor({ video: '' })])).toContain('No introduction video link was given.');
  });

  it('escapes every value, in text and in attributes', () => {
    const evil = `<img src=x onerror=alert(1)>"'&`;
    const escaped = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';
    const html = renderGallery({
      schemeName: evil,
      cohort: evil,
      mentors: [
        mentor({ name: evil, service: evil, areas: [evil] }),
        mentor({ name: `Z ${evil}`, video: `https://evil.example/${evil}` }),
      ],
    });
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/"'&(?!amp;)/);
    expect(html).toContain(`<title>Meet the mentors – ${escaped} · ${escaped}</title>`);
    expect(html).toContain(`<p class="scheme">${escaped} · ${escaped}</p>`);
    expect(html).toContain(`<h2 id="mentor-1">${escaped}</h2>`);
    expect(html).toContain(`<p class="service">${escaped}</p>`);
    expect(html).toContain(`<li>${escaped}</li>`);
    expect(html).toContain(`title="Introduction video: ${escaped}"`);
    expect(html).toContain(`<code>https://evil.example/${escaped}</code>`);
  });

  it('sorts mentors by name, the British way', () => {
    const html = page([
      mentor({ name: 'Zoë Adams' }),
      mentor({ name: 'émile Brown' }),
      mentor({ name: 'Ann Jones', service: 'Suffolk Libraries' }),
      mentor({ name: 'ann jones', service: 'Kent Libraries' }),
      mentor({ name: 'Ann Jones', service: 'Kent Libraries' }),
      mentor({ name: 'Bob Owen' }),
    ]);
    const names = [...html.matchAll(/<h2 id="mentor-\d+">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(names).toEqual([
      'ann jones',
      'Ann Jones',
      'Ann Jones',
      'Bob Owen',
      'émile Brown',
      'Zoë Adams',
    ]);
    const services = [...html.matchAll(/<p class="service">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(services.slice(1, 3)).toEqual(['Kent Libraries', 'Suffolk Libraries']);
    expect(html).toContain('6 mentors');
  });

  it('does not reorder the list it was given', () => {
    const mentors = [mentor({ name: 'B' }), mentor({ name: 'A' })];
    page(mentors);
    expect(mentors.map((m) => m.name)).toEqual(['B', 'A']);
  });

  it('says so when no mentors have been accepted', () => {
    const html = page([]);
    expect(html).toContain('No mentors have been accepted yet.');
    expect(html).not.toContain('<article');
    expect(html).not.toContain('0 mentors');
  });
});

describe('acceptedMentors', () => {
  it('takes accepted mentors only, columns found by header name wherever they are', () => {
    const header = ['Staff notes', ...APPLICATIONS_TAB.columns].reverse();
    const row = (values: Record<string, string>) => header.map((h) => values[h] ?? null);
    const table = new Table(APPLICATIONS_TAB, {
      header,
      rows: [
        row({
          Role: 'Mentor',
          Status: 'Accepted',
          Name: 'Ann Jones',
          'Library service': 'Kent Libraries',
          Areas: 'Budgeting, Restructures',
          'Video link': 'https://youtu.be/abc',
          Email: 'ann@example.org',
        }),
        row({ Role: 'Mentor', Status: 'Waitlisted', Name: 'Wait' }),
        row({ Role: 'Mentor', Status: 'Ineligible', Name: 'Inel' }),
        row({ Role: 'Mentee', Status: 'Accepted', Name: 'Mentee' }),
        row({ Role: ' mentor ', Status: 'accepted ', Name: 'Typed by hand' }),
      ],
    });
    expect(acceptedMentors(table)).toEqual([
      {
        name: 'Ann Jones',
        service: 'Kent Libraries',
        areas: ['Budgeting', 'Restructures'],
        video: 'https://youtu.be/abc',
      },
      { name: 'Typed by hand', service: '', areas: [], video: '' },
    ]);
    const result = galleryPage({ schemeName: 'S', cohort: 'C' }, table);
    expect(result.mentors).toBe(2);
    expect(result.html).not.toContain('ann@example.org');
  });
});
