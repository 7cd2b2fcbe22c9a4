import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import type { ReportTable } from '../domain/report';

/**
 * A table's chart as SVG, drawn by Vega-Lite (Vega renders SVG in Node without a canvas). The
 * chart is made from the table's own rows, so the table beside it is its exact text equivalent.
 * Vega's own ARIA markup is switched off: the page gives each chart one accessible name and
 * points to its table.
 */
export async function chartSvg(table: ReportTable): Promise<string> {
  const chart = table.chart;
  if (!chart) return '';
  const values = table.rows.flatMap((row) =>
    chart.series.map((series) => ({
      group: String(row[0]),
      series,
      value: Number(row[table.header.indexOf(series)]) || 0,
    })),
  );
  const spec: VegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 420,
    height: { step: chart.kind === 'grouped' && chart.series.length > 1 ? 14 : 24 },
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      y: { field: 'group', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
      x: {
        field: 'value',
        type: 'quantitative',
        title: chart.measure,
        ...(chart.kind === 'stacked' ? { stack: 'zero' as const } : { stack: null }),
      },
      color: {
        field: 'series',
        type: 'nominal',
        sort: [...chart.series],
        title: chart.series.length > 1 ? null : chart.measure,
        legend: chart.series.length > 1 ? { orient: 'bottom', direction: 'horizontal' } : null,
        // Ratings 1–5 on a diverging scale (low red, high blue); other series as categories.
        scale: {
          scheme: chart.series.join() === '1,2,3,4,5' ? 'redyellowblue' : 'tableau10',
        },
      },
      order: { field: 'series', sort: 'ascending' },
      ...(chart.kind === 'grouped' && chart.series.length > 1
        ? { yOffset: { field: 'series', sort: [...chart.series] } }
        : {}),
    },
    config: { aria: false, font: 'Arial, Helvetica, sans-serif', view: { stroke: null } },
  };
  // Loaded here, so only a command that draws a chart waits for Vega (most of the CLI's size).
  const vega = require('vega') as typeof Vega;
  const vl = require('vega-lite') as typeof VegaLite;
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
