import { describe, expect, it } from 'vitest';
import { HostAllowList } from './allow-list';

describe('HostAllowList', () => {
  const allowed = HostAllowList.parse('10.0.0.0/8, 192.168.1.20,Timing.local,fd00::/8');

  it('allows addresses in its ranges, its own addresses and its names', () => {
    for (const host of ['10.0.0.5', '10.255.255.255', '192.168.1.20', 'timing.local', 'TIMING.LOCAL', 'fd00::1'])
      expect(allowed.allows(host)).toBe(true);
  });

  it('refuses everything else, including names that merely resolve into a range', () => {
    for (const host of [
      '11.0.0.1',
      '192.168.1.21',
      '127.0.0.1',
      'localhost',
      'timing.local.evil.com',
      '169.254.169.254',
      '::1',
    ])
      expect(allowed.allows(host)).toBe(false);
    expect(new HostAllowList([]).allows('10.0.0.5')).toBe(false);
  });

  it('refuses entries it cannot read, naming them', () => {
    expect(() => HostAllowList.parse('10.0.0.0/33')).toThrow('"10.0.0.0/33": /33 is not a prefix length');
    expect(() => HostAllowList.parse('timing.local/8')).toThrow('"timing.local/8" is neither');
    expect(() => HostAllowList.parse('http://x')).toThrow('is neither');
  });
});
