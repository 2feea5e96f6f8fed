import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog';
import { SeasonQueryError, seasonStandings } from './season';

const catalog = loadCatalog();

describe('seasonStandings', () => {
  it('answers the standings after a race, every completed race by default', () => {
    expect(seasonStandings(catalog, 'mx5-cup', 3)).toMatchObject({ seriesId: 'mx5-cup', year: 2024, afterRace: 3 });
    expect(seasonStandings(catalog, 'mx5-cup').afterRace).toBe(14);
  });

  it('refuses with errors that say what and which option, not how a transport answers', () => {
    const refusal = (ask: () => unknown) => {
      try {
        ask();
      } catch (error) {
        return error instanceof SeasonQueryError
          ? { kind: error.kind, option: error.option, message: error.message }
          : error;
      }
      return undefined;
    };
    expect(refusal(() => seasonStandings(catalog, 'mx5-cup', 0))).toEqual({
      kind: 'invalid',
      option: 'after',
      message: 'must be a race number from 1 to 14',
    });
    expect(refusal(() => seasonStandings(catalog, 'f1'))).toMatchObject({ kind: 'unknown', option: undefined });
  });
});
