import { BlockList, isIP } from 'node:net';

/**
 * The timing hosts the HTTP API may open RMonitor connections to, given at start
 * (`--rmonitor-allow 10.0.0.0/8,192.168.1.20,timing.local`). Without it, a feed token would let
 * its holder make the server connect anywhere its network reaches. Addresses match addresses and
 * ranges; names match names exactly (case aside), never what they resolve to.
 */
export class HostAllowList {
  private readonly addresses = new BlockList();
  private readonly names = new Set<string>();

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address, bits] = entry.split('/') as [string, string | undefined];
      const family = isIP(address);
      if (family === 0) {
        if (bits !== undefined || !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(address))
          throw new RangeError(`"${entry}" is neither a host name, an address nor a range like 10.0.0.0/8`);
        this.names.add(address.toLowerCase());
        continue;
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) {
        this.addresses.addAddress(address, type);
        continue;
      }
      const prefix = Number(bits);
      if (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128))
        throw new RangeError(`"${entry}": /${bits} is not a prefix length for that address`);
      this.addresses.addSubnet(address, prefix, type);
    }
  }

  static parse(text: string): HostAllowList {
    return new HostAllowList(
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );
  }

  allows(host: string): boolean {
    const family = isIP(host);
    if (family === 0) return this.names.has(host.toLowerCase());
    return this.addresses.check(host, family === 4 ? 'ipv4' : 'ipv6');
  }
}
