import { carFeedSchema } from '@pitwall/shared';

/**
 * `--class-map GTD=GSX,GTDPRO=GS`: feed class names to series class ids. Throws with the bad
 * pair named; a name given twice is an error rather than a silent last-one-wins.
 */
export function parseClassMap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of text.split(',')) {
    const match = /^\s*([^=]+?)\s*=\s*([^=]+?)\s*$/.exec(pair);
    if (!match) throw new RangeError(`class map entry "${pair}" is not FEED=SERIES (e.g. GTD=GSX)`);
    const [, from, to] = match as unknown as [string, string, string];
    if (!carFeedSchema.shape.classId.safeParse(to).success)
      throw new RangeError(`class map entry "${pair}": "${to}" is not a valid class id`);
    if (map.has(from)) throw new RangeError(`class map names "${from}" twice`);
    map.set(from, to);
  }
  return map;
}
