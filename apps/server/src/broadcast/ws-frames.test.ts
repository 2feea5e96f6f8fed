import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { textFrame, textFrameHeader } from './ws-frames';

/** ws's own frame builder, which its type definitions leave out: the reference for our headers. */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] };
};

describe('textFrameHeader', () => {
  it.each([0, 5, 125, 126, 65_535, 65_536, 200_000])('is the header ws writes for a %i-byte text message', (length) => {
    const [header] = Sender.frame(Buffer.alloc(length), {
      readOnly: false,
      mask: false,
      rsv1: false,
      opcode: 1,
      fin: true,
    });
    expect(textFrameHeader(length)).toEqual(header);
  });
});

describe('textFrame', () => {
  it('puts the header and the payload in one buffer', () => {
    const payload = Buffer.from('42["delta",{"seq":3}]');
    expect(textFrame(payload)).toEqual(Buffer.concat([textFrameHeader(payload.length), payload]));
  });
});
