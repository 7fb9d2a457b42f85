/**
 * Embedded charts: the subset of the chart builder the add-on uses (the Backtest tab's chart of
 * conversion by score band), recorded per sheet so tests can assert a chart's type, ranges,
 * options and position. Nothing is drawn.
 *
 * - Sheet.newChart() "Returns a builder to create a new chart for this sheet"; insertChart,
 *   getCharts, removeChart and updateChart: https://developers.google.com/apps-script/reference/spreadsheet/sheet#newChart()
 * - EmbeddedChartBuilder (addRange, setChartType, setOption, setPosition, build; "Changes made to
 *   the chart are not saved until Sheet.updateChart(chart) is called on the rebuilt chart"):
 *   https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 * - EmbeddedChart (getChartId, getRanges, getOptions, getContainerInfo, modify):
 *   https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 * - Charts.ChartType: https://developers.google.com/apps-script/reference/charts/chart-type
 */
import type { SheetModel } from '../model/types.js';
import { rectToA1 } from '../model/a1.js';
import { describeArgs, gasException, realmArray, type HostContext } from './context.js';
import { expose } from './expose.js';
import { rangeLocation } from './range.js';

export const ChartType = Object.freeze(
  Object.fromEntries(
    [
      'AREA',
      'BAR',
      'BUBBLE',
      'CANDLESTICK',
      'COLUMN',
      'COMBO',
      'GAUGE',
      'GEO',
      'HISTOGRAM',
      'RADAR',
      'LINE',
      'ORG',
      'PIE',
      'SCATTER',
      'SPARKLINE',
      'STEPPED_AREA',
      'TABLE',
      'TIMELINE',
      'TREE_MAP',
      'WATERFALL',
    ].map((n) => [n, n]),
  ),
);

/** A chart as the host records it on its sheet. */
export interface ChartRecord {
  chartId: number;
  type: string;
  /** 'Sheet!A1:B10' for each range added, in order. */
  ranges: string[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

const chartsBySheet = new WeakMap<SheetModel, ChartRecord[]>();
let nextChartId = 1;

/** The charts inserted on a sheet (tests read them here). */
export function chartsOf(model: SheetModel): ChartRecord[] {
  let list = chartsBySheet.get(model);
  if (!list) chartsBySheet.set(model, (list = []));
  return list;
}

/** The Charts service global: only the ChartType enum. */
export function makeCharts(ctx: HostContext) {
  return expose(ctx, 'Charts', { toString: () => 'Charts', ChartType });
}

const records = new WeakMap<object, ChartRecord>();

function makeChart(ctx: HostContext, model: SheetModel, record: ChartRecord): GoogleAppsScript.Spreadsheet.EmbeddedChart {
  const chart = expose(ctx, 'EmbeddedChart', {
    toString: () => 'EmbeddedChart',
    getChartId: () => record.chartId,
    getRanges: () => realmArray(ctx, record.ranges),
    getOptions: () =>
      expose(ctx, 'ChartOptions', { toString: () => 'ChartOptions', get: (option: string) => record.options[option] ?? null }),
    getContainerInfo: () =>
      expose(ctx, 'ContainerInfo', {
        toString: () => 'ContainerInfo',
        getAnchorRow: () => record.position.row,
        getAnchorColumn: () => record.position.column,
        getOffsetX: () => record.position.offsetX,
        getOffsetY: () => record.position.offsetY,
      }),
    modify: () =>
      makeBuilder(ctx, model, { ...record, ranges: [...record.ranges], options: { ...record.options }, position: { ...record.position } }),
  }) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart;
  records.set(chart, record);
  return chart;
}

function makeBuilder(ctx: HostContext, model: SheetModel, record: ChartRecord): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
  const builder = expose(ctx, 'EmbeddedChartBuilder', {
    toString: () => 'EmbeddedChartBuilder',
    addRange(range: unknown) {
      const loc = rangeLocation(range);
      if (!loc)
        throw gasException(
          ctx,
          `The parameters (${describeArgs([range])}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.`,
        );
      record.ranges.push(`${loc.sheet.name}!${rectToA1(loc.rect)}`);
      return builder;
    },
    clearRanges() {
      record.ranges = [];
      return builder;
    },
    setChartType(type: unknown) {
      if (typeof type !== 'string' || !(type in ChartType)) {
        throw gasException(
          ctx,
          `The parameters (${describeArgs([type])}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setChartType.`,
        );
      }
      record.type = type;
      return builder;
    },
    asColumnChart() {
      record.type = 'COLUMN';
      return builder;
    },
    setOption(option: unknown, value: unknown) {
      if (typeof option !== 'string')
        throw gasException(
          ctx,
          `The parameters (${describeArgs([option, value])}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setOption.`,
        );
      record.options[option] = value;
      return builder;
    },
    /** setPosition(anchorRowPos, anchorColPos, offsetX, offsetY): 1-based anchor cell, pixel offsets. */
    setPosition(row: unknown, column: unknown, offsetX: unknown, offsetY: unknown) {
      const args = [row, column, offsetX, offsetY];
      if (!args.every((a) => typeof a === 'number' && Number.isInteger(a))) {
        throw gasException(
          ctx,
          `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setPosition.`,
        );
      }
      record.position = { row: row as number, column: column as number, offsetX: offsetX as number, offsetY: offsetY as number };
      return builder;
    },
    getChartType: () => record.type,
    build: () =>
      makeChart(ctx, model, { ...record, ranges: [...record.ranges], options: { ...record.options }, position: { ...record.position } }),
  }) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  return builder;
}

/** The Sheet methods for charts, spread into the host's Sheet. */
export function sheetChartMethods(ctx: HostContext, model: SheetModel) {
  const recordOf = (chart: unknown, method: string): ChartRecord => {
    const r = typeof chart === 'object' && chart !== null ? records.get(chart) : undefined;
    if (!r)
      throw gasException(
        ctx,
        `The parameters (${describeArgs([chart])}) don't match the method signature for SpreadsheetApp.Sheet.${method}.`,
      );
    return r;
  };
  return {
    newChart: () =>
      makeBuilder(ctx, model, {
        chartId: 0,
        type: 'COLUMN',
        ranges: [],
        options: {},
        position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
      }),
    insertChart(chart: unknown) {
      const r = recordOf(chart, 'insertChart');
      r.chartId = nextChartId++;
      chartsOf(model).push(r);
    },
    getCharts: () =>
      realmArray(
        ctx,
        chartsOf(model).map((r) => makeChart(ctx, model, r)),
      ),
    removeChart(chart: unknown) {
      const id = recordOf(chart, 'removeChart').chartId;
      const list = chartsOf(model);
      const i = list.findIndex((c) => c.chartId === id);
      if (i >= 0) list.splice(i, 1);
    },
    updateChart(chart: unknown) {
      const r = recordOf(chart, 'updateChart');
      const list = chartsOf(model);
      const i = list.findIndex((c) => c.chartId === r.chartId);
      if (i < 0) throw gasException(ctx, 'The chart is not on this sheet.');
      list[i] = r;
    },
  };
}
