import fs from 'node:fs';
import path from 'node:path';
import type { Report } from '../domain/report';
import type { ReportsPort } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { chartSvg } from './report-charts';
import { reportHtml } from './report-html';

/**
 * Reports as pages under out/reports. The workflow core is synchronous and Vega renders
 * asynchronously, so `publish` only keeps the report and the session's commit renders and
 * writes it (atomically) once the action has succeeded.
 */
export class LocalReports implements ReportsPort {
  private readonly pending = new Map<string, Report>();

  constructor(
    private readonly dir: string,
    /** Pages the CLI writes beside out/reports (an action's htmlFile, e.g. gallery.html). */
    private readonly pages: readonly string[] = [],
  ) {}

  erasePages(request: { needles: readonly string[]; apply: boolean }): number {
    const needles = request.needles.map((n) => n.toLowerCase()).filter(Boolean);
    const reports = fs.existsSync(this.dir)
      ? fs
          .readdirSync(this.dir)
          .filter((f) => f.endsWith('.html'))
          .map((f) => path.join(this.dir, f))
      : [];
    const out = path.dirname(this.dir);
    const files = [...reports, ...this.pages.map((p) => path.join(out, p))].filter((f) =>
      fs.existsSync(f),
    );
    const doomed = files.filter((f) => {
      const text = fs.readFileSync(f, 'utf8').toLowerCase();
      return needles.some((n) => text.includes(n));
    });
    if (request.apply) for (const f of doomed) fs.rmSync(f, { force: true });
    return doomed.length;
  }

  file(id: string): string {
    return path.join(this.dir, `${id}.html`);
  }

  publish(report: Report): { where: string; charts: number } {
    this.pending.set(report.id, report);
    const charts = report.sections
      .flatMap((s) => s.tables)
      .filter((t) => t.chart && t.rows.length > 0).length;
    return { where: path.resolve(this.file(report.id)), charts };
  }

  async flush(): Promise<void> {
    for (const [id, report] of this.pending) {
      const svgs = new Map<string, string>();
      for (const table of report.sections.flatMap((s) => s.tables)) {
        if (table.chart && table.rows.length) svgs.set(table.id, await chartSvg(table));
      }
      fs.mkdirSync(this.dir, { recursive: true });
      const html = reportHtml(report, svgs);
      const file = this.file(id);
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== html)
        writeFileAtomic(file, html, { durable: true });
    }
    this.pending.clear();
  }
}
