import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { computeStandings, seasonSchema, seriesDefinitionSchema } from '../index';
it('debug', () => {
  const [id, champ, after] = (process.env.DBG ?? '').split(',');
  const series = seriesDefinitionSchema.parse(JSON.parse(readFileSync(`${__dirname}/../../data/series/${id}.json`, 'utf8')));
  const season = seasonSchema.parse(JSON.parse(readFileSync(`${__dirname}/../../data/seasons/${id}-2024.json`, 'utf8')));
  const c = computeStandings(series, season, after ? { afterRace: Number(after) } : {}).find((x) => x.championshipId === champ)!;
  for (const r of c.standings) console.log(r.position, r.competitor, r.points, r.racePoints.map((s) => `${s.race}:${s.position ?? s.status}${s.bonus ? '+' + s.bonus : ''}${s.dropped ? 'd' : ''}`).join(' '));
});
