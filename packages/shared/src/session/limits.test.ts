import { describe, expect, it } from 'vitest';
import { boundedInt, cleanText, colourSchema, displayText, identifier } from './limits';

describe('cleanText', () => {
  it('turns controls into spaces, drops invisible and bidirectional marks, and collapses spaces', () => {
    expect(cleanText('  Jagger\tJones\n')).toBe('Jagger Jones');
    expect(cleanText('\u202ehtimS')).toBe('htimS');
    expect(cleanText('Lu\u200bca\u00ad Mars')).toBe('Luca Mars');
    expect(cleanText('a\ud800b')).toBe('ab');
  });

  it('keeps letters of every script and whole surrogate pairs (emoji)', () => {
    expect(cleanText('Jérôme Müller 佐藤 🏁')).toBe('Jérôme Müller 佐藤 🏁');
  });
});

describe('displayText', () => {
  it('cleans what it accepts', () => {
    expect(displayText(20).parse('  Road\u0000Atlanta ')).toBe('Road Atlanta');
  });

  it('refuses text with nothing visible when required, but allows it when optional', () => {
    const required = displayText(20).safeParse('\u200b\u200b');
    expect(required.success).toBe(false);
    expect(required.error!.issues[0]!.message).toBe(
      'must have a visible character (control and invisible ones are taken out)',
    );
    expect(displayText(20, { optional: true }).parse('\u200b')).toBe('');
  });

  it('measures the length before cleaning, so padding cannot smuggle in a longer name', () => {
    expect(displayText(5).safeParse('abc      ').success).toBe(false);
  });
});

describe('identifier', () => {
  it('takes a clean key as sent and refuses one that cleaning would change', () => {
    expect(identifier(8).parse('88')).toBe('88');
    for (const key of [' 88', '8\u200b8', '8\n8', '']) expect(identifier(8).safeParse(key).success).toBe(false);
    expect(identifier(3).safeParse('1234').success).toBe(false);
  });
});

describe('colourSchema', () => {
  it('takes hex colours only', () => {
    for (const colour of ['#fff', '#ffff', '#ff5a5f', '#ff5a5f80']) expect(colourSchema.parse(colour)).toBe(colour);
    for (const colour of ['red', 'url(https://x)', '#ggg', 'rgb(0,0,0)', '#12345'])
      expect(colourSchema.safeParse(colour).success).toBe(false);
  });
});

describe('boundedInt', () => {
  it('takes whole numbers within the bounds, both included', () => {
    const position = boundedInt(1, 250);
    expect(position.parse(1)).toBe(1);
    expect(position.parse(250)).toBe(250);
    for (const value of [0, 251, 1.5, Number.NaN]) expect(position.safeParse(value).success).toBe(false);
  });
});
