import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { columnsOf, gridTemplate, hasSectors, isBroadcast, type Layout } from './columns';
import { TowerRow } from './TowerRow';

/** How long a broadcast page of the order stays up when the field does not fit the screen. */
const PAGE_MS = 8_000;

interface Fit {
  perColumn: number;
  columns: number;
  pages: number;
  /** Row height that fills the screen, when fitting. */
  rowPx?: number;
}

/** Car numbers in a fixed order, so rows keep their place in the document and only slide. */
function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The running order. Every row stays where it is in the document and is placed by a transform,
 * so when the order changes every moving row slides from its old slot to its new one (the car
 * that gains and the car that loses, a whole reorder too) and each row subscribes to its own car.
 * `fit` (broadcast): rows as tall as the screen allows, in up to `maxColumns` columns, then pages.
 */
export function Tower({
  classId,
  layout,
  fit,
  maxColumns = 1,
}: {
  classId: string | undefined;
  layout: Layout;
  fit?: boolean;
  maxColumns?: number;
}) {
  const numbers = useLive(
    useShallow((s) => {
      const view = s.copy?.view;
      if (!view) return [];
      return classId ? view.order.filter((n) => view.cars[n]?.classId === classId) : view.order;
    }),
  );
  const inDocument = useMemo(() => [...numbers].sort(byNumber), [numbers]);
  const slots = useMemo(() => new Map(numbers.map((number, index) => [number, index])), [numbers]);
  const inClass = classId !== undefined;
  const sectors = useSectorCount(hasSectors(layout));
  const badgeChars = useLive((s) => Math.max(0, ...(s.copy?.view.classes ?? []).map((c) => c.id.length)));
  const columns = columnsOf(layout, sectors);
  const bodyRef = useRef<HTMLDivElement>(null);
  const screen = useFit(bodyRef, numbers.length, fit ? maxColumns : 0);
  const page = usePage(screen.pages);
  const perPage = screen.perColumn * screen.columns;
  const template = gridTemplate(columns);
  const header = (
    <div className="tower-head row-grid" role="row">
      {columns.map((column) => (
        <span key={column.id} role="columnheader" className={column.numeric ? 'num' : undefined}>
          {column.header({ inClass })}
        </span>
      ))}
    </div>
  );
  return (
    <div
      className={`tower layout-${layout} ${isBroadcast(layout) ? 'broadcast' : ''}`}
      role="table"
      aria-label={inClass ? `Class ${classId} running order` : 'Overall running order'}
      style={{ '--grid': template, '--columns': screen.columns, '--badge-chars': badgeChars } as CSSProperties}
      data-pages={screen.pages}
      data-page={page}
    >
      {/* A broadcast tower needs no headings: position, number, name and gap read for themselves. */}
      {!isBroadcast(layout) && header}
      {/* Keyed by view: switching between overall and a class is a new board, not a run of overtakes. */}
      <div
        ref={bodyRef}
        className="tower-body"
        key={classId ?? 'overall'}
        style={
          {
            height: `calc(var(--row-h) * ${Math.min(numbers.length, screen.perColumn)})`,
            ...(screen.rowPx ? { '--row-h': `${Math.floor(screen.rowPx)}px` } : {}),
          } as CSSProperties
        }
      >
        {inDocument.map((number) => {
          const index = slots.get(number)!;
          const within = index % perPage;
          return (
            <TowerRow
              key={number}
              number={number}
              column={Math.floor(within / screen.perColumn)}
              row={within % screen.perColumn}
              hidden={Math.floor(index / perPage) !== page}
              inClass={inClass}
              layout={layout}
              sectors={sectors}
            />
          );
        })}
      </div>
    </div>
  );
}

/** As many sector columns as the feed times sectors (none for a feed without them, or a layout without them). */
function useSectorCount(shown: boolean): number {
  return useLive((s) => {
    if (!shown || !s.copy) return 0;
    let most = 0;
    for (const car of Object.values(s.copy.view.cars)) most = Math.max(most, car.lastSectors?.length ?? 0);
    return most;
  });
}

/**
 * Rows per column, columns and pages for the screen, and the row height that fills it (rows are
 * 1.5 rem at least and grow up to 2 rem); one unbounded column at the stylesheet's height when not fitting.
 */
function useFit(body: React.RefObject<HTMLDivElement | null>, count: number, maxColumns: number): Fit {
  const [room, setRoom] = useState<{ heightPx: number; remPx: number } | undefined>();
  useLayoutEffect(() => {
    if (maxColumns === 0) return;
    const measure = () => {
      const element = body.current;
      if (!element) return;
      const remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setRoom({ heightPx: window.innerHeight - element.getBoundingClientRect().top - 4, remPx });
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [body, maxColumns]);
  if (maxColumns === 0 || count === 0 || !room) return { perColumn: Math.max(1, count), columns: 1, pages: 1 };
  const perColumn = Math.max(1, Math.floor(room.heightPx / (1.5 * room.remPx)));
  const columns = Math.min(maxColumns, Math.ceil(count / perColumn));
  const rows = Math.min(perColumn, Math.ceil(count / columns));
  return {
    perColumn: rows,
    columns,
    pages: Math.ceil(count / (rows * columns)),
    rowPx: Math.min(room.heightPx / rows, 2 * room.remPx),
  };
}

/** The page on screen, turning every PAGE_MS while there is more than one. */
function usePage(pages: number): number {
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_MS);
    return () => clearInterval(timer);
  }, [pages]);
  return page % Math.max(1, pages);
}
