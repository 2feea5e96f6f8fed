import type { ReactNode } from 'react';
import { MAX_SECTORS, type CarState, type LapMark } from '@pitwall/shared';
import { clock, gap, lapTime, pitLaneTime } from '../app/format';

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

/** What each mark means, for a title and a screen reader: the mark is told by shape as well as colour. */
const MARK_MEANING: Record<LapMark, string> = {
  overall: 'overall best',
  class: 'class best',
  personal: 'personal best',
};

/** A lap or sector time with the best it equals, as the core marked it. */
export function markedTime(ms: number | undefined, mark: LapMark | undefined): ReactNode {
  return (
    <span className={`lap mark-${mark ?? 'none'}`} title={mark && MARK_MEANING[mark]}>
      {lapTime(ms)}
    </span>
  );
}

/** The last lap's sector `index` (0 = S1). */
function sectorColumn(index: number): Column {
  return {
    id: `s${index + 1}`,
    header: () => `S${index + 1}`,
    // Room for a sector over a minute (a long circuit, a lap under yellow): "1:09.052".
    width: '4.6em',
    numeric: true,
    cell: (car) => {
      const sector = car.lastSectors?.[index];
      return sector && markedTime(sector.ms, sector.mark);
    },
  };
}

const SECTOR_COLUMNS = Array.from({ length: MAX_SECTORS }, (_, i) => sectorColumn(i));

/** The most recent stop: race time at the line of its in lap, then its lap and time in the pit lane. */
function lastStop(car: CarState): ReactNode {
  const stop = car.stint?.lastStop;
  if (!stop) return '';
  return (
    <span className="two-line">
      <span>{clock(stop.atMs)}</span>
      <span className="detail">{`L${stop.lap}${stop.pitLaneMs === undefined ? '' : ` · ${pitLaneTime(stop.pitLaneMs)}`}`}</span>
    </span>
  );
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
    // Room for the longest class ids ("GTDPRO", "MASTERS") in the badge's 12 px type.
    width: '3.8em',
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
    // A marked time sits in a chip a little wider than its digits.
    width: '5em',
    numeric: true,
    cell: (car) => markedTime(car.lastLapMs, car.lastLapMark),
  },
  best: {
    id: 'best',
    header: () => 'BEST',
    width: '5em',
    numeric: true,
    // In a class view the class's best is the best there is.
    cell: (car, { inClass }) => markedTime(car.bestLapMs, inClass && car.bestLapMark ? 'overall' : car.bestLapMark),
  },
  pit: {
    id: 'pit',
    header: () => 'PIT',
    width: '2.2em',
    numeric: true,
    cell: (car) => car.stint?.stops ?? car.pitStops ?? '',
  },
  stint: { id: 'stint', header: () => 'STINT', width: '3.2em', numeric: true, cell: (car) => car.stint?.lapsInStint },
  lastStop: { id: 'lastStop', header: () => 'LAST STOP', width: '5em', numeric: true, cell: lastStop },
  gained: {
    id: 'gained',
    header: () => '+/-',
    width: '2.8em',
    numeric: true,
    cell: (car, { inClass }) => movement(inClass ? car.classPositionsGained : car.positionsGained),
  },
  // On a TV the badge takes the screen's type like every other cell, as wide as the session's
  // longest class id (the tower sets --badge-chars), so "PRO" does not pay for "MASTERS".
  broadcastBadge: {
    id: 'broadcastBadge',
    header: () => '',
    width: 'calc(var(--badge-chars, 4) * 0.78em + 0.3em)',
    cell: (car, { colour }) => (
      <span className="class-badge" style={{ background: colour }}>
        {car.classId}
      </span>
    ),
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

export type Layout =
  'desk' | 'desk-classes' | 'desk-engineer' | 'desk-classes-engineer' | 'phone' | 'broadcast' | 'broadcast-classes';

/** Where the last lap's sector columns go in a layout that has them. */
const SECTORS = 'sectors';

/** The running order, overall or in class, with gaps (an overall view of several classes adds class places). */
const ORDER = ['pos', 'badge', 'number', 'driver', 'laps', 'gap', 'interval'];
const CLASS_PLACES = ['classPosition', 'classGap'];
const LAPS = ['last', 'best'];
/** The engineer's desk, 1280 px wide or more: stint and stops too. */
const STINTS = ['stint', 'pit', 'lastStop'];

const LAYOUTS: Record<Layout, string[]> = {
  desk: [...ORDER, ...LAPS, 'pit', 'gained'],
  'desk-classes': [...ORDER, ...CLASS_PLACES, ...LAPS, 'pit', 'gained'],
  'desk-engineer': [...ORDER, SECTORS, ...LAPS, ...STINTS, 'gained'],
  'desk-classes-engineer': [...ORDER, ...CLASS_PLACES, SECTORS, ...LAPS, ...STINTS, 'gained'],
  phone: ['pos', 'number', 'driver', 'phoneGap', 'phoneLast'],
  broadcast: ['pos', 'number', 'driver', 'broadcastGap'],
  // The overall order of a multi-class race: the class by name as well as by colour.
  'broadcast-classes': ['pos', 'broadcastBadge', 'number', 'driver', 'broadcastGap'],
};

/** The columns of a layout, with `sectors` sector columns where it has them (as many as the feed times). */
export function columnsOf(layout: Layout, sectors = 0): Column[] {
  return LAYOUTS[layout].flatMap((id) => (id === SECTORS ? SECTOR_COLUMNS.slice(0, sectors) : [ALL[id]!]));
}

/** TV and overlay towers: no headings, nothing to click. */
export function isBroadcast(layout: Layout): boolean {
  return layout.startsWith('broadcast');
}

/** Layouts that show the last lap's sectors. */
export function hasSectors(layout: Layout): boolean {
  return LAYOUTS[layout].includes(SECTORS);
}

export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((column) => column.width).join(' ');
}
