import { useShallow } from 'zustand/react/shallow';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useLive } from '../live/store';
import { useProgression } from './api';

const LINE_COLOURS = ['#ffd23f', '#4cc9f0', '#f72585', '#3ddc84', '#b892ff'];
const SHOWN = 5;

/** Points over the season for the top of the projected order, the live projection as the last point. */
export default function PointsChart({
  seriesId,
  championshipId,
}: {
  seriesId: string | undefined;
  championshipId: string;
}) {
  const race = useLive((s) => s.copy?.view.championships?.[championshipId]?.race);
  const leaders = useLive(
    useShallow((s) => {
      const championship = s.copy?.view.championships?.[championshipId];
      return (championship?.order.slice(0, SHOWN) ?? []).map((competitor) => championship!.rows[competitor]!);
    }),
  );
  const progression = useProgression(seriesId, championshipId, race === undefined ? undefined : race - 1).data;
  if (leaders.length === 0) return null;
  const history = progression?.races.map((r, i) => ({
    label: r.code,
    ...Object.fromEntries(
      leaders.map((row) => [
        row.competitor,
        progression.competitors.find((c) => c.competitor === row.competitor)?.points[i] ?? null,
      ]),
    ),
  }));
  const data = [
    ...(history ?? []),
    { label: 'NOW', ...Object.fromEntries(leaders.map((row) => [row.competitor, row.points])) },
  ];
  return (
    <figure className="points-chart" aria-label="Points over the season">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#262d3d" vertical={false} />
          <XAxis dataKey="label" stroke="#8b93a7" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis stroke="#8b93a7" tick={{ fontSize: 12 }} width={48} />
          <Tooltip contentStyle={{ background: '#141821', border: '1px solid #262d3d' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {leaders.map((row, i) => (
            <Line
              key={row.competitor}
              type="monotone"
              dataKey={row.competitor}
              name={row.name}
              stroke={LINE_COLOURS[i]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
