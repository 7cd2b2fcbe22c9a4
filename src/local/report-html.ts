import type { Report, ReportTable } from '../domain/report';
import { escapeHtml } from '../domain/templates';

/**
 * A report as one self-contained HTML page (no script, no outside file): each chart is inline
 * SVG inside a figure named for screen readers, followed by its table; A4 when printed.
 */
export function reportHtml(report: Report, svgs: ReadonlyMap<string, string>): string {
  const e = escapeHtml;
  const table = (t: ReportTable) => {
    const svg = svgs.get(t.id);
    const figure =
      t.chart && svg && t.rows.length
        ? `<figure class="chart" data-table="table-${e(t.id)}">
  ${namedSvg(svg, `Chart: ${t.chart.title}. The same figures are in the table that follows.`)}
  <figcaption>${e(t.chart.title)} (figures in the table below)</figcaption>
</figure>`
        : '';
    const rows = t.rows.length
      ? t.rows
          .map(
            (r) =>
              `<tr><th scope="row">${e(String(r[0]))}</th>${r
                .slice(1)
                .map((v) => `<td>${e(String(v))}</td>`)
                .join('')}</tr>`,
          )
          .join('\n')
      : `<tr><td colspan="${t.header.length}">No group is large enough to show.</td></tr>`;
    return `<div class="block">
${figure}
<table id="table-${e(t.id)}">
<caption>${e(t.caption)}</caption>
<thead><tr>${t.header.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${t.notes.map((n) => `<p class="note">${e(n)}</p>`).join('\n')}
</div>`;
  };
  const sections = report.sections
    .map(
      (s) => `<section>
<h2>${e(s.heading)}</h2>
${s.paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}
${s.tables.map(table).join('\n')}
${
  s.list
    ? `<h3>${e(s.list.caption)}</h3>
${s.list.items.length ? `<ul class="comments">${s.list.items.map((i) => `<li>${e(i)}</li>`).join('\n')}</ul>` : '<p>None.</p>'}`
    : ''
}
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(report.title)}</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
  h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.35rem; border-bottom: 2px solid #1d4f91; padding-bottom: 0.2rem; margin-top: 2rem; }
  .made { color: #454545; margin-top: 0; }
  .block { margin: 1.2rem 0 1.8rem; break-inside: avoid; page-break-inside: avoid; }
  figure.chart { margin: 0 0 0.6rem; }
  figure.chart svg { max-width: 100%; height: auto; }
  figcaption { font-size: 0.9rem; color: #454545; }
  table { border-collapse: collapse; margin-top: 0.4rem; }
  caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
  th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.55rem; text-align: right; }
  th[scope="row"], thead th:first-child { text-align: left; }
  thead th { background: #e8eef7; }
  .note { font-size: 0.9rem; color: #454545; margin: 0.3rem 0; }
  ul.comments li { margin-bottom: 0.4rem; white-space: pre-wrap; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5pt; }
    h2 { break-after: avoid; page-break-after: avoid; }
    figure.chart svg { max-height: 120mm; }
  }
</style>
</head>
<body>
<main>
<h1>${e(report.title)}</h1>
<p class="made">Made ${e(report.generated)}. For scheme staff.</p>
${sections}
</main>
</body>
</html>
`;
}

/**
 * The chart's SVG as one image with one name: Vega's own roles on its parts are dropped (a
 * screen reader gets the table instead of a tour of bars), the name goes on the <svg>.
 */
function namedSvg(svg: string, name: string): string {
  const bare = svg.replace(/\s(role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
  return bare.replace(
    /^<svg\b/,
    `<svg role="img" aria-label="${escapeHtml(name)}" focusable="false"`,
  );
}
