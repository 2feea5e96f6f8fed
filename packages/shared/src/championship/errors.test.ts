import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChampionshipError, parseOrThrow } from './errors';

describe('parseOrThrow', () => {
  const schema = z.object({ race: z.number().int().positive(), rows: z.array(z.object({ number: z.string() })) });

  it('returns the parsed value when it is valid', () => {
    expect(parseOrThrow(schema, { race: 3, rows: [{ number: '7' }] }, 'live race')).toEqual({
      race: 3,
      rows: [{ number: '7' }],
    });
  });

  it('throws a ChampionshipError naming the input and each field at fault, as every refusal does', () => {
    const parse = () => parseOrThrow(schema, { race: 0, rows: [{ number: 7 }] }, 'live race');
    expect(parse).toThrow(ChampionshipError);
    expect(parse).toThrow(
      'live race is invalid: race: Too small: expected number to be >0; rows.0.number: Invalid input: expected string, received number',
    );
  });

  it('names the input itself for an issue about no one field', () => {
    expect(() => parseOrThrow(z.array(z.string()), 'x', 'adjustments')).toThrow(
      'adjustments is invalid: adjustments: Invalid input: expected array, received string',
    );
  });
});
