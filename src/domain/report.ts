/**
 * A report as data: sections of tables, some with a chart drawn from the table itself. The
 * Google back end writes it to a tab with Sheets charts beside the tables; the local back end
 * renders an HTML page with the charts as SVG. Every chart is drawn from its own table, so the
 * table is always there as the chart's text equivalent.
 */
export type ReportValue = string | number;

export interface ReportChart {
  /** 'stacked': parts of a whole (ratings 1–5); 'grouped': side by side (response rates). */
  kind: 'stacked' | 'grouped';
  title: string;
  /** The columns drawn, in order: the columns right after the first (the group) column. */
  series: readonly string[];
  /** What the bars measure, e.g. "Responses" or "Response rate (%)". */
  measure: string;
}

export interface ReportTable {
  id: string;
  caption: string;
  header: readonly string[];
  rows: readonly (readonly ReportValue[])[];
  chart?: ReportChart;
  /** Sentences under the table, e.g. which groups were too small to show. */
  notes: readonly string[];
}

export interface ReportSection {
  heading: string;
  paragraphs: readonly string[];
  tables: readonly ReportTable[];
  /** A plain list (free-text comments), each item inert text. */
  list?: { caption: string; items: readonly string[] };
}

export interface Report {
  /** The local file name (out/reports/<id>.html). */
  id: string;
  /** The page title; also the Google tab's name. */
  title: string;
  generated: string;
  sections: readonly ReportSection[];
}
