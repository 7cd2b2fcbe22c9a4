import { escapeHtml } from './templates';

/**
 * The mentor gallery for the launch day: mentees watch each accepted mentor's 2-minute
 * introduction video, then choose three potential mentors. Pure: it runs in Apps Script (which
 * has no WHATWG `URL` class, hence the regular expressions) and in Node alike.
 */
export interface GalleryMentor {
  name: string;
  service: string;
  areas: string[];
  video: string;
}

export type VideoEmbed = { kind: 'iframe'; src: string } | { kind: 'text'; text: string };

/** The only hosts the page may frame: the Content-Security-Policy names exactly these. */
export const EMBED_ORIGINS = [
  'https://drive.google.com',
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
] as const;

/** An ID as it may appear in an embed address: nothing that could end or extend the URL. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * https://HOST[/PATH][?QUERY][#FRAGMENT], with nothing else: no user name, password or port,
 * no white space, no backslash (browsers read `\` as `/`, a classic way to disguise a host).
 */
const HTTPS_URL = /^https:\/\/([A-Za-z0-9.-]+)(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/i;

function queryParam(query: string | undefined, name: string): string | undefined {
  for (const pair of (query ?? '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return undefined;
}

function embedSrc(host: string, path: string, query: string | undefined): string | null {
  const segments = path.split('/').slice(1);
  const [first, second, third] = segments;
  switch (host) {
    case 'drive.google.com': {
      // /file/d/ID, /file/d/ID/view, /file/d/ID/preview, /file/d/ID/edit (any query), /open?id=ID
      if (
        first === 'file' &&
        second === 'd' &&
        third !== undefined &&
        ID.test(third) &&
        segments.length <= 5 &&
        /^(view|preview|edit)?$/.test(segments[3] ?? '') &&
        (segments[4] ?? '') === ''
      ) {
        return `https://drive.google.com/file/d/${third}/preview`;
      }
      const id = queryParam(query, 'id');
      if (path === '/open' && id !== undefined && ID.test(id)) {
        return `https://drive.google.com/file/d/${id}/preview`;
      }
      return null;
    }
    case 'www.youtube.com':
    case 'youtube.com':
    case 'm.youtube.com': {
      const v = queryParam(query, 'v');
      if (path === '/watch' && v !== undefined && ID.test(v)) return youTube(v);
      if (
        first === 'shorts' &&
        second !== undefined &&
        ID.test(second) &&
        segments.length <= 3 &&
        (third ?? '') === ''
      ) {
        return youTube(second);
      }
      return null;
    }
    case 'youtu.be':
      return segments.length === 1 && first !== undefined && ID.test(first) ? youTube(first) : null;
    case 'vimeo.com':
    case 'www.vimeo.com': {
      if (first === undefined || !/^\d{1,20}$/.test(first)) return null;
      if (segments.length === 1) return `https://player.vimeo.com/video/${first}`;
      // An unlisted video's share link carries its privacy hash: vimeo.com/123/abc123
      if (segments.length === 2 && second !== undefined && /^[0-9a-f]{1,40}$/.test(second)) {
        return `https://player.vimeo.com/video/${first}?h=${second}`;
      }
      return null;
    }
    default:
      return null;
  }
}

function youTube(id: string): string {
  return `https://www.youtube-nocookie.com/embed/${id}`;
}

/**
 * How a mentor's video link is shown: framed when it is a Google Drive, YouTube or Vimeo video
 * (the frame's address is rebuilt from the video's ID, never copied from the link), otherwise
 * as plain text (not a link) so that nothing a mentor typed can run or redirect anyone.
 */
export function videoEmbed(url: string): VideoEmbed {
  const text = String(url ?? '').trim();
  // Visible ASCII only: white space, control characters and look-alike letters never embed.
  const match = /^[\x21-\x7e]+$/.test(text) ? HTTPS_URL.exec(text) : null;
  if (match) {
    const src = embedSrc(match[1].toLowerCase(), match[2] ?? '/', match[3]);
    if (src) return { kind: 'iframe', src };
  }
  return { kind: 'text', text };
}

/** Splits an Areas cell ("Budgeting, Working with councillors") into its areas. */
export function splitAreas(cell: string): string[] {
  const areas: string[] = [];
  for (const part of String(cell ?? '').split(',')) {
    const area = part.replace(/\s+/g, ' ').trim();
    if (area && !areas.includes(area)) areas.push(area);
  }
  return areas;
}

export function byName(a: GalleryMentor, b: GalleryMentor): number {
  return a.name.localeCompare(b.name, 'en-GB') || a.service.localeCompare(b.service, 'en-GB');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'none'",
  `frame-src ${EMBED_ORIGINS.join(' ')}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const STYLE = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #1b1b1b; background: #f4f4f2; }
header { background: #1d3a5f; color: #fff; padding: 1.5rem 1rem; }
header > div, main { max-width: 80rem; margin: 0 auto; }
h1 { margin: 0 0 .25rem; font-size: clamp(1.6rem, 4vw, 2.4rem); line-height: 1.2; }
.scheme { margin: 0; font-size: 1.1rem; }
.intro { margin: .75rem 0 0; max-width: 48rem; }
main { padding: 1.5rem 1rem 3rem; }
.count { margin: 0 0 1rem; font-weight: bold; }
.mentors { display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); margin: 0; padding: 0; list-style: none; }
article { display: flex; flex-direction: column; height: 100%; background: #fff; border: 1px solid #d0d0cc; border-radius: .5rem; padding: 1rem; overflow-wrap: anywhere; }
h2 { margin: 0; font-size: 1.3rem; line-height: 1.3; }
.service { margin: .1rem 0 .75rem; color: #444; }
.areas-label { margin: 0; font-weight: bold; font-size: .95rem; }
.areas { display: flex; flex-wrap: wrap; gap: .4rem; margin: .4rem 0 1rem; padding: 0; list-style: none; }
.areas li { background: #e6eef7; color: #1d3a5f; border-radius: 1rem; padding: .1rem .65rem; font-size: .9rem; }
.video { margin-top: auto; }
.frame { position: relative; aspect-ratio: 16 / 9; background: #000; border-radius: .35rem; overflow: hidden; }
.frame iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }
.no-embed { margin: 0; padding: .75rem; background: #fdf6e3; border: 1px dashed #b59b4c; border-radius: .35rem; font-size: .95rem; }
.no-embed code { display: block; margin-top: .25rem; font-family: Consolas, Menlo, monospace; font-size: .85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { font-size: 1.1rem; background: #fff; border: 1px solid #d0d0cc; border-radius: .5rem; padding: 1.5rem; }
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; } }
`;

function renderVideo(mentor: GalleryMentor): string {
  const video = videoEmbed(mentor.video);
  if (video.kind === 'iframe') {
    return `<div class="frame"><iframe src="${escapeHtml(video.src)}" title="${escapeHtml(
      `Introduction video: ${mentor.name}`,
    )}" loading="lazy" allowfullscreen allow="fullscreen; picture-in-picture; encrypted-media" referrerpolicy="strict-origin-when-cross-origin" sandbox="allow-scripts allow-same-origin allow-presentation"></iframe></div>`;
  }
  if (!video.text) return '<p class="no-embed">No introduction video link was given.</p>';
  return `<p class="no-embed">This video cannot be shown here (only Google Drive, YouTube and Vimeo videos can). The link given was:<code>${escapeHtml(
    video.text,
  )}</code></p>`;
}

function renderMentor(mentor: GalleryMentor, index: number): string {
  const id = `mentor-${index + 1}`;
  const areas = mentor.areas.length
    ? `<p class="areas-label" id="${id}-areas">Can offer support with</p>
<ul class="areas" aria-labelledby="${id}-areas">${mentor.areas
        .map((a) => `<li>${escapeHtml(a)}</li>`)
        .join('')}</ul>`
    : '';
  return `<li><article aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(mentor.name)}</h2>
<p class="service">${escapeHtml(mentor.service)}</p>
${areas}
<div class="video">${renderVideo(mentor)}</div>
</article></li>`;
}

/** The gallery as a complete HTML page: no scripts, nothing loaded but the videos themselves. */
export function renderGallery(input: {
  schemeName: string;
  cohort: string;
  mentors: GalleryMentor[];
}): string {
  const mentors = [...input.mentors].sort(byName);
  const scheme = [input.schemeName, input.cohort].filter((s) => s.trim()).join(' · ');
  const body = mentors.length
    ? `<p class="count" id="count">${plural(mentors.length, 'mentor', 'mentors')}</p>
<ul class="mentors" aria-labelledby="count">
${mentors.map(renderMentor).join('\n')}
</ul>`
    : '<p class="empty">No mentors have been accepted yet. Once applications have been reviewed, the accepted mentors will appear here.</p>';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${escapeHtml(scheme ? `Meet the mentors – ${scheme}` : 'Meet the mentors')}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div>
<h1>Meet the mentors</h1>
<p class="scheme">${escapeHtml(scheme)}</p>
<p class="intro">Watch each mentor’s 2-minute introduction video, then choose three potential mentors.</p>
</div></header>
<main>
${body}
</main>
</body>
</html>
`;
}
