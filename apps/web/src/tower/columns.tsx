import type { ReactNode } from 'react';
import type { CarState } from '@pitwall/shared';
import { gap, lapTime } from '../app/format';

/** What a cell needs besides its car. */
export interface CellContext {
  inClass: boolean;
  colour: string;
}

export interface Column {
  id: string;
  header: (ctx: Pick<CellContext, 'inClass'>) => string;
  /** A CSS grid track. */
  width: string;
  numeric?: boolean;
  cell: (car: CarState, ctx: CellContext) => ReactNode;
}

const STATUS_LABEL: Partial<Record<CarState['status'], string>> = {
  pit: 'PIT',
  retired: 'RET',
  dns: 'DNS',
  excluded: 'EXC',
};

function statusOr(car: CarState, shown: ReactNode): ReactNode {
  const status = STATUS_LABEL[car.status];
  return status ? <span className={`status-tag tag-${car.status}`}>{status}</span> : shown;
}

/** Gained places, by shape as well as colour: ▲ up, ▼ down. */
function movement(gained: number | undefined): ReactNode {
  if (!gained) return '–';
  return <span className={gained > 0 ? 'up' : 'down'}>{`${gained > 0 ? '▲' : '▼'}${Math.abs(gained)}`}</span>;
}

const ALL: Record<string, Column> = {
  pos: {
    id: 'pos',
    header: ({ inClass }) => (inClass ? 'CL' : 'POS'),
    width: '2.2em',
    cell: (car, { inClass }) => (inClass ? car.classPosition : car.position),
  },
  badge: {
    id: 'badge',
    header: () => '',
    width: '3.4em',
    cell: (car, { inClass, colour }) =>
      inClass ? null : (
        <span className="class-badge" style={{ background: colour }} title={car.classId}>
          {car.classId}
        </span>
      ),
  },
  number: {
    id: 'number',
    header: () => 'NO',
    width: '3em',
    cell: (car, { colour }) => (
      <span className="car-number" style={{ borderColor: colour }}>
        {car.number}
      </span>
    ),
  },
  driver: {
    id: 'driver',
    header: () => 'DRIVER',
    width: 'minmax(6em, 1fr)',
    cell: (car) => (
      <span className="driver">
        <span className="driver-name">
          {/* Before the name, so a long name never hides race control's mark. */}
          {car.decisionMarks?.map((mark) => (
            <span
              key={mark.kind}
              className={`decision-mark mark-${mark.kind}`}
              title={`Race control decision ${mark.decisions.join(', ')}`}
            >
              {mark.label}
            </span>
          ))}
          {car.driver}
        </span>
        {car.team && <span className="team">{car.team}</span>}
      </span>
    ),
  },
  laps: { id: 'laps', header: () => 'LAPS', width: '2.8em', numeric: true, cell: (car) => car.laps },
  gap: {
    id: 'gap',
    header: ({ inClass }) => (inClass ? 'CLASS GAP' : 'GAP'),
    width: '5.2em',
    numeric: true,
    cell: (car, { inClass }) => statusOr(car, <strong>{gap(inClass ? car.classGap : car.gap)}</strong>),
  },
  interval: {
    id: 'interval',
    header: () => 'INT',
    width: '4.4em',
    numeric: true,
    cell: (car, { inClass }) => gap(inClass ? car.classInterval : car.interval),
  },
  classPosition: {
    id: 'classPosition',
    header: () => 'CL',
    width: '2.2em',
    numeric: true,
    cell: (car) => <strong>{car.classPosition}</strong>,
  },
  classGap: {
    id: 'classGap',
    header: () => 'CL GAP',
    width: '5em',
    numeric: true,
    cell: (car) => (car.classPosition === 1 ? 'CL LDR' : gap(car.classGap)),
  },
  last: {
    id: 'last',
    header: () => 'LAST',
    width: '4.8em',
    numeric: true,
    cell: (car) => <span className={`lap mark-${car.lastLapMark ?? 'none'}`}>{lapTime(car.lastLapMs)}</span>,
  },
  best: {
    id: 'best',
    header: () => 'BEST',
    width: '4.8em',
    numeric: true,
    cell: (car, { inClass }) => (
      <span className={`lap best-${(inClass ? (car.bestLapMark ? 'overall' : undefined) : car.bestLapMark) ?? 'none'}`}>
        {lapTime(car.bestLapMs)}
      </span>
    ),
  },
  pit: { id: 'pit', header: () => 'PIT', width: '2.2em', numeric: true, cell: (car) => car.pitStops ?? '' },
  gained: {
    id: 'gained',
    header: () => '+/-',
    width: '2.8em',
    numeric: true,
    cell: (car, { inClass }) => movement(inClass ? car.classPositionsGained : car.positionsGained),
  },
  broadcastGap: {
    id: 'broadcastGap',
    header: ({ inClass }) => (inClass ? 'CLASS GAP' : 'GAP'),
    width: '5.2em',
    numeric: true,
    cell: (car, { inClass }) =>
      statusOr(
        car,
        (inClass ? car.classPosition : car.position) === 1 ? 'LEADER' : gap(inClass ? car.classGap : car.gap),
      ),
  },
};

// The phone's narrower cells: same content, tighter tracks.
ALL.phoneGap = { ...ALL.gap!, id: 'phoneGap', width: '4.9em' };
ALL.phoneLast = { ...ALL.last!, id: 'phoneLast', width: '4.6em' };

export type Layout = 'desk' | 'desk-classes' | 'phone' | 'broadcast';

const LAYOUTS: Record<Layout, string[]> = {
  desk: ['pos', 'badge', 'number', 'driver', 'laps', 'gap', 'interval', 'last', 'best', 'pit', 'gained'],
  'desk-classes': [
    'pos',
    'badge',
    'number',
    'driver',
    'laps',
    'gap',
    'interval',
    'classPosition',
    'classGap',
    'last',
    'best',
    'pit',
    'gained',
  ],
  phone: ['pos', 'number', 'driver', 'phoneGap', 'phoneLast'],
  broadcast: ['pos', 'number', 'driver', 'broadcastGap'],
};

export function columnsOf(layout: Layout): Column[] {
  return LAYOUTS[layout].map((id) => ALL[id]!);
}

export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((column) => column.width).join(' ');
}
