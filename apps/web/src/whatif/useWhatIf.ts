import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  liveChampionships,
  moveCar,
  overallPlaceForClassPosition,
  racePhaseOf,
  type LiveChampionship,
  type SeasonAnswer,
} from '@pitwall/shared';
import { useLive } from '../live/store';
import { requestJson } from '../app/http';
import { useWhatIf } from './store';

function useSeason(seriesId: string | undefined) {
  return useQuery({
    queryKey: ['season', seriesId],
    queryFn: () => requestJson<SeasonAnswer>(`/api/series/${encodeURIComponent(seriesId!)}/season`),
    enabled: seriesId !== undefined,
    staleTime: 5 * 60_000,
  });
}

export type WhatIfResult =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'error'; error: string }
  | { state: 'ready'; championships: LiveChampionship[] };

/**
 * Every championship as it would stand with the what-if move applied to the live order, scored
 * here in the browser by the core's own functions, from the order as it is now.
 */
export function useWhatIfChampionships(): WhatIfResult {
  const move = useWhatIf((s) => s.move);
  const view = useLive((s) => s.copy?.view);
  const season = useSeason(move ? view?.info.seriesId : undefined);
  return useMemo((): WhatIfResult => {
    if (!move || !view) return { state: 'none' };
    if (season.error) return { state: 'error', error: season.error.message };
    if (!season.data) return { state: 'loading' };
    const race = view.info.race;
    if (race === undefined) return { state: 'error', error: 'the session does not say which race it is' };
    try {
      const cars = view.order.map((number) => view.cars[number]!);
      const overall = move.classId ? overallPlaceForClassPosition(cars, move.number, move.position) : move.position;
      const moved = moveCar(cars, move.number, overall);
      const championships = liveChampionships(season.data.series, season.data.season, race, moved, {
        phase: racePhaseOf(view.info),
      });
      return { state: 'ready', championships };
    } catch (error) {
      return { state: 'error', error: (error as Error).message };
    }
  }, [move, view, season.data, season.error]);
}
