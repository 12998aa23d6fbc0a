/** Filters commands by every word of the query appearing in "group title" (case-insensitive), keeping order. */
export function matchCommands<T extends { title: string; group: string }>(commands: T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return commands;
  return commands.filter((c) => {
    const hay = `${c.group} ${c.title}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
