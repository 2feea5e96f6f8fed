import { describe, expect, it } from 'vitest';
import { describeIssues } from '../validation/describe-issues';
import { carFeedSchema, classInfoSchema, sessionIdSchema, sessionInfoSchema } from './model';

describe('session model schemas', () => {
  it('refuse a field the server does not know, by name, rather than store it unseen', () => {
    const parsed = classInfoSchema.safeParse({ id: 'GSX', name: 'GSX', colour: '#fff' });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!.issues, 'class')).toBe('class: Unrecognized key: "colour"');
  });

  it('clean the names a car is shown with, and keep its keys as sent', () => {
    const car = carFeedSchema.parse({
      number: '7',
      classId: 'LMP3',
      driver: ' Alex\u202e Kirby ',
      position: 1,
      laps: 3,
    });
    expect(car).toEqual({ number: '7', classId: 'LMP3', driver: 'Alex Kirby', position: 1, laps: 3 });
  });

  it('take session ids made for URLs and file names only', () => {
    for (const id of ['vp-r12', 'mx5.atlanta_2']) expect(sessionIdSchema.parse(id)).toBe(id);
    for (const id of ['', '-r12', 'r 12', 'r12/..', 'x'.repeat(121)])
      expect(sessionIdSchema.safeParse(id).success).toBe(false);
  });

  it('give viewers a session with its status and flag always set', () => {
    const info = { id: 'vp-r12', seriesId: 'vp-sportscar-challenge', event: 'Road Atlanta', name: 'Race 2' };
    expect(sessionInfoSchema.safeParse(info).success).toBe(false);
    expect(sessionInfoSchema.parse({ ...info, status: 'running', flag: 'green' })).toMatchObject({ flag: 'green' });
  });
});
