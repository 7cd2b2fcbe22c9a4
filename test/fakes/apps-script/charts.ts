import type { FakeRange } from './range';
import type { FakeRuntime } from './runtime';
import type { FakeSheet } from './sheet';

/**
 * Embedded charts of a sheet (Sheet.newChart / insertChart / removeChart / getCharts /
 * updateChart), typed against @types/google-apps-script. A chart is kept as data: its type, the
 * A1 boxes of its ranges, its options and its anchor, so tests can check what was drawn from
 * what. As strict as Google where we know Google's behaviour; the rest is listed in README.md.
 */
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

export type FakeChartType =
  'AREA' | 'BAR' | 'COLUMN' | 'COMBO' | 'HISTOGRAM' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE';

export interface ChartBox {
  sheet: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ChartState {
  id: string;
  type: FakeChartType;
  ranges: ChartBox[];
  options: Record<string, unknown>;
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
}

let nextChartId = 1;

function boxOf(rt: FakeRuntime, range: GoogleAppsScript.Spreadsheet.Range): ChartBox {
  return rt.quiet(() => ({
    sheet: range.getSheet().getName(),
    row: range.getRow(),
    column: range.getColumn(),
    numRows: range.getNumRows(),
    numColumns: range.getNumColumns(),
  }));
}

export class FakeEmbeddedChart implements Pick<
  EmbeddedChart,
  'getChartId' | 'getRanges' | 'modify' | 'getOptions' | 'getContainerInfo'
> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly sheet: FakeSheet,
    readonly state: ChartState,
    /** True once inserted into the sheet (a built chart that was never inserted is not on it). */
    public inserted = false,
  ) {}

  getChartId(): number | null {
    this.rt.hit('EmbeddedChart', 'getChartId');
    if (!this.inserted) return null;
    return Number(this.state.id);
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.rt.hit('EmbeddedChart', 'getRanges');
    return this.rt.array(
      this.state.ranges.map((b) => this.sheet.range(b.row, b.column, b.numRows, b.numColumns)),
    ) as unknown as GoogleAppsScript.Spreadsheet.Range[];
  }

  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    this.rt.hit('EmbeddedChart', 'getOptions');
    const options = { ...this.state.options };
    return {
      get: (key: string) => options[key] ?? null,
    } as unknown as GoogleAppsScript.Charts.ChartOptions;
  }

  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    this.rt.hit('EmbeddedChart', 'getContainerInfo');
    const a = this.state.anchor;
    return {
      getAnchorRow: () => a.row,
      getAnchorColumn: () => a.column,
      getOffsetX: () => a.offsetX,
      getOffsetY: () => a.offsetY,
    } as unknown as GoogleAppsScript.Spreadsheet.ContainerInfo;
  }

  modify(): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChart', 'modify');
    return new FakeEmbeddedChartBuilder(
      this.rt,
      this.sheet,
      structuredClone(this.state),
    ) as unknown as EmbeddedChartBuilder;
  }
}

type BuilderMethods =
  | 'addRange'
  | 'removeRange'
  | 'clearRanges'
  | 'getRanges'
  | 'setOption'
  | 'setPosition'
  | 'build'
  | 'asAreaChart'
  | 'asBarChart'
  | 'asColumnChart'
  | 'asComboChart'
  | 'asHistogramChart'
  | 'asLineChart'
  | 'asPieChart'
  | 'asScatterChart'
  | 'asTableChart';

/**
 * One builder for every chart type: the typed builders (EmbeddedBarChartBuilder…) add setters
 * that are all options in the end, so the common ones are provided as setOption calls.
 */
export class FakeEmbeddedChartBuilder implements Pick<EmbeddedChartBuilder, BuilderMethods> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly sheet: FakeSheet,
    readonly state: ChartState,
  ) {}

  private get self(): EmbeddedChartBuilder {
    return this as unknown as EmbeddedChartBuilder;
  }

  private as<T>(method: string, type: FakeChartType): T {
    this.rt.hit('EmbeddedChartBuilder', method);
    this.state.type = type;
    return this as unknown as T;
  }

  asAreaChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder>('asAreaChart', 'AREA');
  }
  asBarChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder>('asBarChart', 'BAR');
  }
  asColumnChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder>(
      'asColumnChart',
      'COLUMN',
    );
  }
  asComboChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder>('asComboChart', 'COMBO');
  }
  asHistogramChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder>(
      'asHistogramChart',
      'HISTOGRAM',
    );
  }
  asLineChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder>('asLineChart', 'LINE');
  }
  asPieChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder>('asPieChart', 'PIE');
  }
  asScatterChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder>(
      'asScatterChart',
      'SCATTER',
    );
  }
  asTableChart() {
    return this.as<GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder>('asTableChart', 'TABLE');
  }

  /** Stacking, as EmbeddedBarChartBuilder.setStacked() does. */
  setStacked(): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChartBuilder', 'setStacked');
    this.state.options.isStacked = true;
    return this.self;
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChartBuilder', 'addRange');
    if (!range || typeof (range as unknown as FakeRange).getSheet !== 'function')
      throw this.rt.signatureError([range], 'EmbeddedChartBuilder.addRange');
    this.state.ranges.push(boxOf(this.rt, range));
    return this.self;
  }

  removeRange(range: GoogleAppsScript.Spreadsheet.Range): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChartBuilder', 'removeRange');
    const b = boxOf(this.rt, range);
    this.state.ranges = this.state.ranges.filter((r) => JSON.stringify(r) !== JSON.stringify(b));
    return this.self;
  }

  clearRanges(): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChartBuilder', 'clearRanges');
    this.state.ranges = [];
    return this.self;
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    this.rt.hit('EmbeddedChartBuilder', 'getRanges');
    return this.rt.array(
      this.state.ranges.map((b) => this.sheet.range(b.row, b.column, b.numRows, b.numColumns)),
    ) as unknown as GoogleAppsScript.Spreadsheet.Range[];
  }

  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChartBuilder', 'setOption');
    if (typeof option !== 'string')
      throw this.rt.signatureError([option, value], 'EmbeddedChartBuilder.setOption');
    this.state.options[option] = structuredClone(value);
    return this.self;
  }

  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): EmbeddedChartBuilder {
    this.rt.hit('EmbeddedChartBuilder', 'setPosition');
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (args.some((a) => typeof a !== 'number' || !Number.isInteger(a)))
      throw this.rt.signatureError(args, 'EmbeddedChartBuilder.setPosition');
    if (anchorRowPos < 1 || anchorColPos < 1)
      throw this.rt.error('The coordinates or dimensions of the range are invalid.');
    this.state.anchor = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this.self;
  }

  build(): EmbeddedChart {
    this.rt.hit('EmbeddedChartBuilder', 'build');
    return new FakeEmbeddedChart(
      this.rt,
      this.sheet,
      structuredClone(this.state),
    ) as unknown as EmbeddedChart;
  }
}

/** A sheet's charts; the sheet's chart methods delegate here. */
export class ChartStore {
  readonly charts: FakeEmbeddedChart[] = [];

  constructor(
    private readonly rt: FakeRuntime,
    private readonly sheet: FakeSheet,
  ) {}

  newChart(): EmbeddedChartBuilder {
    this.rt.hit('Sheet', 'newChart');
    const state: ChartState = {
      id: '',
      type: 'COLUMN',
      ranges: [],
      options: {},
      anchor: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    };
    return new FakeEmbeddedChartBuilder(
      this.rt,
      this.sheet,
      state,
    ) as unknown as EmbeddedChartBuilder;
  }

  insertChart(chart: EmbeddedChart): void {
    this.rt.hit('Sheet', 'insertChart');
    const c = chart as unknown as FakeEmbeddedChart;
    if (!(c instanceof FakeEmbeddedChart))
      throw this.rt.signatureError([chart], 'Sheet.insertChart');
    if (c.inserted)
      throw this.rt.error('The chart is already in the sheet: use updateChart to change it.');
    if (c.state.ranges.length === 0)
      throw this.rt.error('A chart needs at least one range of data.');
    c.state.id = String(nextChartId++);
    c.inserted = true;
    this.charts.push(c);
  }

  updateChart(chart: EmbeddedChart): void {
    this.rt.hit('Sheet', 'updateChart');
    const c = chart as unknown as FakeEmbeddedChart;
    const i = this.charts.findIndex((x) => x.state.id === c.state?.id);
    if (i < 0) throw this.rt.error('The chart does not exist in this sheet.');
    c.inserted = true;
    this.charts[i] = c;
  }

  removeChart(chart: EmbeddedChart): void {
    this.rt.hit('Sheet', 'removeChart');
    const id = (chart as unknown as FakeEmbeddedChart)?.state?.id;
    const i = this.charts.findIndex((x) => x.state.id === id);
    if (i < 0) throw this.rt.error('The chart does not exist in this sheet.');
    this.charts.splice(i, 1);
  }

  getCharts(): EmbeddedChart[] {
    this.rt.hit('Sheet', 'getCharts');
    // Fresh objects each call, as Apps Script returns.
    return this.rt.array(
      this.charts.map((c) => new FakeEmbeddedChart(this.rt, this.sheet, c.state, true)),
    ) as unknown as EmbeddedChart[];
  }
}
