import type { Report, ReportTable, ReportValue } from '../domain/report';
import type { ReportsPort } from '../ports';
import { inert } from './services';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows a chart takes beside its table (about 400 px at 21 px a row), so charts never overlap. */
const CHART_ROWS = 20;

/**
 * A report as a tab of the bound spreadsheet: the tab is rebuilt by every run (one clear, one
 * setValues), and its charts are removed and inserted again, one per charted table, placed to
 * the right of the table they are drawn from. The tab belongs to the tool: staff should copy a
 * figure elsewhere rather than edit it there.
 */
export class SheetsReports implements ReportsPort {
  constructor(private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp) {}

  publish(report: Report): { where: string; charts: number } {
    const spreadsheet = this.app.getActiveSpreadsheet();
    const sheet = spreadsheet.getSheetByName(report.title) ?? spreadsheet.insertSheet(report.title);
    const { grid, charts } = layOut(report);
    const width = Math.max(...grid.map((r) => r.length));
    const old = { rows: sheet.getLastRow(), columns: sheet.getLastColumn() };
    if (old.rows > 0 && old.columns > 0) sheet.getRange(1, 1, old.rows, old.columns).clearContent();
    if (grid.length > sheet.getMaxRows())
      sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
    const values = grid.map((row) =>
      Array.from({ length: width }, (_, c) => (row[c] === undefined ? '' : inert(row[c]))),
    );
    sheet.getRange(1, 1, grid.length, width).setValues(values);
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    for (const c of charts) sheet.insertChart(buildChart(sheet, c, width + 2));
    return { where: `the "${report.title}" tab`, charts: charts.length };
  }
}

interface PlacedChart {
  table: ReportTable;
  /** 1-based row of the table's header. */
  headerRow: number;
}

/** The report as rows of cells, and where each charted table sits. */
export function layOut(report: Report): { grid: ReportValue[][]; charts: PlacedChart[] } {
  const grid: ReportValue[][] = [[report.title], [`Made ${report.generated}`]];
  const charts: PlacedChart[] = [];
  for (const section of report.sections) {
    grid.push([], [section.heading.toUpperCase()]);
    for (const p of section.paragraphs) grid.push([p]);
    for (const table of section.tables) {
      const start = grid.length + 1;
      grid.push([], [table.caption]);
      grid.push([...table.header]);
      const headerRow = grid.length;
      for (const row of table.rows) grid.push([...row]);
      if (table.rows.length === 0) grid.push(['No group is large enough to show.']);
      for (const note of table.notes) grid.push([note]);
      if (table.chart && table.rows.length > 0) {
        charts.push({ table, headerRow });
        while (grid.length < start + CHART_ROWS) grid.push([]);
      }
    }
    if (section.list) {
      grid.push([], [section.list.caption]);
      for (const item of section.list.items) grid.push([item]);
      if (section.list.items.length === 0) grid.push(['None.']);
    }
  }
  return { grid, charts };
}

function buildChart(sheet: Sheet, placed: PlacedChart, column: number) {
  const { table, headerRow } = placed;
  const chart = table.chart!;
  const range = sheet.getRange(headerRow, 1, table.rows.length + 1, 1 + chart.series.length);
  const builder = sheet
    .newChart()
    .asBarChart()
    .addRange(range)
    .setPosition(headerRow - 1, column, 0, 0)
    .setOption('title', chart.title)
    .setOption('hAxis', { title: chart.measure })
    .setOption('isStacked', chart.kind === 'stacked')
    .setOption('useFirstColumnAsDomain', true)
    .setOption('headerCount', 1);
  return builder.build();
}
