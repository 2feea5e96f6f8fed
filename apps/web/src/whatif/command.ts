/** A what-if typed by hand: "#24 to P3", "24 p3", "#24 to 3". */
export function parseWhatIf(text: string): { number: string; position: number } | { error: string } {
  const match = /^\s*#?([A-Za-z0-9]{1,8})\s*(?:to|->|→)?\s*P?(\d{1,3})\s*$/i.exec(text);
  if (!match) return { error: 'write it as "#24 to P3"' };
  return { number: match[1]!, position: Number(match[2]) };
}
