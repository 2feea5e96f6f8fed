import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { gapChartRows, lapChartRows, type CarLaps, type LapChartRow } from '@pitwall/shared';

/** Points per line: enough to read a 300-lap race lap by lap on a 1920 screen, cheap for 60 lines. */
const MAX_POINTS = 160;
/** The tooltip lists the cars nearest the front at that lap, not all sixty. */
const TOOLTIP_CARS = 12;

/** Distinct colours for any number of cars: hues a golden angle apart. */
const carColour = (index: number) => `hsl(${Math.round((index * 137.508) % 360)} 75% 62%)`;

interface ChartProps {
  cars: readonly CarLaps[];
  /** The car the official is looking at: drawn bold, the others faded. */
  focus: string | undefined;
  height: number;
}

function CarLines({ cars, focus, step }: { cars: readonly CarLaps[]; focus: string | undefined; step: boolean }) {
  return cars.map((car, index) => (
    <Line
      key={car.number}
      dataKey={car.number}
      name={`#${car.number}`}
      type={step ? 'stepAfter' : 'linear'}
      stroke={carColour(index)}
      strokeWidth={car.number === focus ? 4 : 1.5}
      strokeOpacity={focus === undefined || car.number === focus ? 1 : 0.35}
      dot={false}
      isAnimationActive={false}
      connectNulls={false}
    />
  ));
}

function RankedTooltip({
  active,
  payload,
  label,
  unit,
}: Partial<TooltipContentProps<number, string>> & { unit: 'P' | 's' }) {
  if (!active || !payload?.length) return null;
  const entries = payload
    .flatMap((entry) =>
      typeof entry.value === 'number'
        ? [{ key: String(entry.dataKey), name: entry.name, colour: entry.color, value: entry.value }]
        : [],
    )
    .sort((a, b) => a.value - b.value)
    .slice(0, TOOLTIP_CARS);
  return (
    <div className="chart-tooltip">
      <b>Lap {label}</b>
      {entries.map((entry) => (
        <div key={entry.key} style={{ color: entry.colour }}>
          {entry.name} {unit === 'P' ? `P${entry.value}` : `${entry.value >= 0 ? '+' : ''}${entry.value.toFixed(1)} s`}
        </div>
      ))}
    </div>
  );
}

/** Position by lap: one line per car, P1 at the top. */
export const LapChart = memo(function LapChart({ cars, focus, height, inClass }: ChartProps & { inClass: boolean }) {
  const rows: LapChartRow[] = useMemo(() => lapChartRows(cars, inClass, MAX_POINTS), [cars, inClass]);
  return (
    <figure className="review-chart" aria-label="Lap chart">
      <figcaption>Position by lap{inClass ? ' (in class)' : ''}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#262d3d" vertical={false} />
          <XAxis dataKey="lap" type="number" domain={['dataMin', 'dataMax']} stroke="#8b93a7" tick={{ fontSize: 12 }} />
          <YAxis
            reversed
            domain={[1, 'dataMax']}
            allowDecimals={false}
            stroke="#8b93a7"
            tick={{ fontSize: 12 }}
            width={36}
            interval={0}
            tickCount={Math.min(cars.length, 20)}
          />
          <Tooltip content={<RankedTooltip unit="P" />} />
          {CarLines({ cars, focus, step: true })}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

/**
 * The gap axis stops a little past most of the field, so one car many laps down does not flatten
 * the battle everyone is looking at; its line runs off the chart instead.
 */
function gapAxisLimit(rows: readonly LapChartRow[]): number | 'auto' {
  const gaps = rows.flatMap((row) => Object.entries(row).flatMap(([key, value]) => (key === 'lap' ? [] : [value])));
  if (gaps.length === 0) return 'auto';
  gaps.sort((a, b) => a - b);
  const typical = gaps[Math.floor(gaps.length * 0.85)]!;
  return Math.max(10, Math.ceil((typical * 1.25) / 10) * 10);
}

/** Seconds behind the leader (or the chosen car) at the line, by lap. */
export const GapChart = memo(function GapChart({
  cars,
  focus,
  height,
  reference,
}: ChartProps & { reference?: string }) {
  const rows = useMemo(() => gapChartRows(cars, reference, MAX_POINTS), [cars, reference]);
  const limit = useMemo(() => gapAxisLimit(rows), [rows]);
  return (
    <figure className="review-chart" aria-label="Gap chart">
      <figcaption>{reference ? `Gap to #${reference} (s), by lap` : 'Gap to the leader (s), by lap'}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#262d3d" vertical={false} />
          <XAxis dataKey="lap" type="number" domain={['dataMin', 'dataMax']} stroke="#8b93a7" tick={{ fontSize: 12 }} />
          <YAxis
            reversed
            domain={['auto', limit]}
            allowDataOverflow
            stroke="#8b93a7"
            tick={{ fontSize: 12 }}
            width={56}
          />
          <Tooltip content={<RankedTooltip unit="s" />} />
          {CarLines({ cars, focus, step: false })}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});
