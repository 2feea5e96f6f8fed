import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { applyFeedUpdate, deriveClassification, type FullUpdate } from '@pitwall/shared';
import { useLive } from '../live/store';
import { Tower } from './Tower';
import { lapTime } from '../app/format';

// Every row formats its last and best lap once per render: counting those calls counts row renders.
vi.mock('../app/format', async (importOriginal) => {
  const original = await importOriginal<typeof import('../app/format')>();
  return { ...original, lapTime: vi.fn(original.lapTime) };
});

const update: FullUpdate = {
  type: 'full',
  sessionId: 's',
  seq: 1,
  session: { seriesId: 'x', event: 'Road Atlanta', name: 'Race', status: 'running', flag: 'green' },
  classes: [
    { id: 'LMP3', name: 'LMP3' },
    { id: 'GSX', name: 'GSX' },
  ],
  cars: Array.from({ length: 12 }, (_, i) => ({
    number: String(i + 1),
    classId: i % 2 ? 'GSX' : 'LMP3',
    driver: `Driver ${i + 1}`,
    position: i + 1,
    laps: 10,
    totalTimeMs: 900_000 + i * 1_000,
    lastLapMs: 90_000 + i,
    bestLapMs: 89_000 + i,
  })),
};

function showSession() {
  const outcome = applyFeedUpdate(undefined, update);
  if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
  act(() => {
    useLive.setState({ sessionId: 's', copy: undefined });
    useLive.getState().receiveSnapshot({ sessionId: 's', seq: 1, view: deriveClassification(outcome.state) });
  });
}

/** Car numbers whose row rendered since the mock was cleared: each car's last lap is 90,000 ms + index. */
const rowsRendered = () =>
  [
    ...new Set(
      vi
        .mocked(lapTime)
        .mock.calls.map(([ms]) => ms)
        .filter((ms) => ms !== undefined && ms >= 90_000 && ms < 90_100),
    ),
  ]
    .map((ms) => String(ms! - 90_000 + 1))
    .sort((a, b) => Number(a) - Number(b));

afterEach(cleanup);

describe('Tower', () => {
  it('re-renders only the row whose car changed', () => {
    showSession();
    const { container } = render(<Tower classId={undefined} layout="desk" />);
    expect(container.querySelectorAll('[data-car]')).toHaveLength(12);
    expect(rowsRendered()).toHaveLength(12);
    vi.mocked(lapTime).mockClear();
    act(() => {
      useLive
        .getState()
        .receiveDelta({ sessionId: 's', seq: 2, patch: { cars: { '7': { laps: 11, bestLapMs: 88_500 } } } });
    });
    expect(rowsRendered()).toEqual(['7']);
    expect(container.querySelector('[data-car="7"]')?.textContent).toContain('11');
  });

  it('re-renders just the two cars of an overtake and moves them', () => {
    showSession();
    const { container } = render(<Tower classId={undefined} layout="desk" />);
    vi.mocked(lapTime).mockClear();
    const order = update.cars.map((c) => c.number);
    [order[2], order[3]] = [order[3]!, order[2]!];
    act(() => {
      useLive.getState().receiveDelta({
        sessionId: 's',
        seq: 2,
        patch: { order, cars: { '3': { position: 4 }, '4': { position: 3 } } },
      });
    });
    expect(rowsRendered()).toEqual(['3', '4']);
    expect(container.querySelector('[data-car="4"]')?.getAttribute('data-position')).toBe('3');
  });

  it('shows class positions in a class view', () => {
    showSession();
    const { container } = render(<Tower classId="GSX" layout="desk" />);
    const rows = [...container.querySelectorAll('[data-car]')];
    expect(rows.map((r) => r.getAttribute('data-car'))).toEqual(['2', '4', '6', '8', '10', '12']);
    expect(rows.map((r) => r.getAttribute('data-position'))).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
