import { useQuery } from '@tanstack/react-query';
import type { ProgressionAnswer, SeriesListAnswer } from '@pitwall/shared';
import { requestJson } from '../app/http';

export function useSeriesList() {
  return useQuery({
    queryKey: ['series'],
    queryFn: () => requestJson<SeriesListAnswer>('/api/series').then((r) => r.series),
    staleTime: Infinity,
  });
}

/** Season totals race by race before the live race; the live projection is drawn as the last point. */
export function useProgression(
  seriesId: string | undefined,
  championshipId: string | undefined,
  through: number | undefined,
) {
  return useQuery({
    queryKey: ['progression', seriesId, championshipId, through],
    queryFn: () =>
      requestJson<ProgressionAnswer>(
        `/api/series/${encodeURIComponent(seriesId!)}/progression?championship=${encodeURIComponent(championshipId!)}&through=${through}`,
      ),
    enabled: seriesId !== undefined && championshipId !== undefined && through !== undefined && through > 0,
    staleTime: 60_000,
  });
}
