import { describe, expect, it } from 'vitest';
import { applyFeedUpdate } from '../session/apply';
import { deriveClassification } from '../session/derive';
import { fullUpdate } from '../test-support/sessions';
import { sessionSummarySchema, summarise } from './protocol';

function view(demo?: boolean) {
  const update = fullUpdate(1);
  if (demo !== undefined) update.session = { ...update.session, demo };
  const outcome = applyFeedUpdate(undefined, update);
  if (outcome.kind !== 'accepted') throw new Error('fixture refused');
  return deriveClassification(outcome.state);
}

describe('summarise', () => {
  it('makes the session-list line of a session: what it is, how it stands, how many cars', () => {
    const summary = summarise(view());
    expect(summary).toEqual({
      id: 'vp-r12',
      seriesId: 'vp-sportscar-challenge',
      event: 'Road Atlanta',
      name: 'Race 2',
      status: 'running',
      flag: 'green',
      demo: false,
      carCount: 5,
      classes: [
        { id: 'LMP3', name: 'LMP3' },
        { id: 'GSX', name: 'GSX' },
      ],
    });
    expect(sessionSummarySchema.parse(summary)).toEqual(summary);
  });

  it('marks a simulated session as a demo', () => {
    expect(summarise(view(true)).demo).toBe(true);
  });
});
