import { useQuery } from '@tanstack/react-query';

export interface SeriesSummary {
  id: string;
  name: string;
  shortName: string;
  championships: { id: string; name: string; competitor: string; classId?: string; eligibility?: string }[];
}

export interface Progression {
  races: { race: number; code: string }[];
  competitors: { competitor: string; name: string; points: (number | null)[] }[];
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

export function useSeriesList() {
  return useQuery({
    queryKey: ['series'],
    queryFn: () => getJson<{ series: SeriesSummary[] }>('/api/series').then((r) => r.series),
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
      getJson<Progression>(
        `/api/series/${encodeURIComponent(seriesId!)}/progression?championship=${encodeURIComponent(championshipId!)}&through=${through}`,
      ),
    enabled: seriesId !== undefined && championshipId !== undefined && through !== undefined && through > 0,
    staleTime: 60_000,
  });
}
