import type { seasonStandings } from './season';

/** Plain-text standings for a terminal: one block per championship. */
export function printStandings(result: ReturnType<typeof seasonStandings>): string {
  const blocks = result.championships.map((championship) => {
    const lines = championship.standings.map(
      (row) => `${String(row.position).padStart(4)}  ${row.name.padEnd(40)} ${String(row.points).padStart(6)}`,
    );
    return [`${championship.name} (after race ${result.afterRace}, ${result.year})`, ...lines].join('\n');
  });
  return blocks.join('\n\n') + '\n';
}
