/** Completion for kiln.yaml, driven by its JSON Schema: keys by indentation, enum values after `key: `. */

export interface Completion {
  label: string;
  detail: string;
  /** text that replaces the word being typed */
  insert: string;
}

interface SchemaNode {
  description?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  anyOf?: SchemaNode[];
}

/** The schema node of the mapping a line at `indent` belongs to, from the lines above it. */
function mappingAt(schema: SchemaNode, lines: string[], row: number, indent: number): SchemaNode | null {
  const path: string[] = [];
  let want = indent;
  for (let r = row - 1; r >= 0 && want > 0; r--) {
    const m = /^(\s*)([^\s#:][^:]*):/.exec(lines[r]!);
    if (!m || m[1]!.length >= want) continue;
    path.unshift(m[2]!.trim());
    want = m[1]!.length;
  }
  let node: SchemaNode | null = schema;
  for (const key of path) {
    if (!node) return null;
    const next: SchemaNode | undefined = node.properties?.[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    node = next?.anyOf?.find((n) => n.properties) ?? next ?? null;
  }
  return node?.properties ? node : null;
}

function enumOf(node: SchemaNode | undefined): unknown[] {
  if (!node) return [];
  return node.enum ?? node.anyOf?.flatMap((n) => n.enum ?? []) ?? [];
}

/** What can be typed at `offset` of `text`: keys of the mapping there, or the allowed values of a key. */
export function completeAt(schema: SchemaNode, text: string, offset: number): { from: number; items: Completion[] } {
  const before = text.slice(0, offset);
  const row = before.split('\n').length - 1;
  const lines = text.split('\n');
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const value = /^(\s*)([\w-]+):\s+([\w-]*)$/.exec(line);
  if (value) {
    const parent = mappingAt(schema, lines, row, value[1]!.length);
    const options = enumOf(parent?.properties?.[value[2]!]).map(String);
    const word = value[3]!;
    return {
      from: offset - word.length,
      items: options.filter((o) => o.startsWith(word)).map((o) => ({ label: o, detail: parent?.properties?.[value[2]!]?.description ?? '', insert: o })),
    };
  }
  const key = /^(\s*)([\w-]*)$/.exec(line);
  if (!key) return { from: offset, items: [] };
  const parent = mappingAt(schema, lines, row, key[1]!.length);
  if (!parent?.properties) return { from: offset, items: [] };
  const present = new Set(
    lines
      .filter((l, i) => i !== row && new RegExp(`^${key[1]}[\\w-]+:`).test(l) && l.match(/^\s*/)![0].length === key[1]!.length)
      .map((l) => l.trim().split(':')[0]!),
  );
  const word = key[2]!;
  const items = Object.entries(parent.properties)
    .filter(([k]) => k.startsWith(word) && !present.has(k))
    .map(([k, n]) => ({ label: k, detail: n.description ?? '', insert: `${k}: ` }));
  return { from: offset - word.length, items };
}
