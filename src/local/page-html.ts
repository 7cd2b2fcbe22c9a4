import fs from 'node:fs';
import path from 'node:path';

/**
 * The pages in appsscript/ share their styles and scripts through partials in
 * appsscript/shared/, named with Apps Script's own template syntax,
 * `<?!= include('shared/page-style') ?>`. They are put in place before a page is served: by
 * scripts/build.mjs for Apps Script (dist/ holds each page whole, so HtmlService serves it as
 * it is) and by the local page server. A partial may include another; a missing one is an error.
 */
const INCLUDE = /<\?!=\s*include\(\s*'([a-z0-9/-]+)'\s*\);?\s*\?>/g;

export function inlineIncludes(html: string, dir: string, seen: readonly string[] = []): string {
  return html.replace(INCLUDE, (_, name: string) => {
    if (seen.includes(name)) throw new Error(`The partial ${name} includes itself.`);
    const file = path.join(dir, `${name}.html`);
    return inlineIncludes(fs.readFileSync(file, 'utf8').trimEnd(), dir, [...seen, name]);
  });
}

/** A page of appsscript/ (e.g. "review-matches") with its partials in place. */
export function readPage(dir: string, page: string): string {
  return inlineIncludes(fs.readFileSync(path.join(dir, `${page}.html`), 'utf8'), dir);
}
