import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Compares two V8 heap snapshots of the same process (`npm run soak -- --heap-snapshots DIR`
 * writes them): objects by constructor, their count and self size, and what grew most. Self
 * sizes, not retained ones: a leak shows as a constructor whose count keeps growing.
 *
 *   node --max-old-space-size=4096 bench/dist/soak/heap-diff.js BEFORE.heapsnapshot AFTER.heapsnapshot
 */
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

type Groups = Map<string, { count: number; bytes: number }>;

/** Objects and closures by constructor name; everything else by its kind (strings, arrays, code...). */
function groups(file: string): Groups {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = data.snapshot.meta.node_types[0];
  const result: Groups = new Map();
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt] as number] ?? '?';
    const key =
      type === 'object' || type === 'closure' || type === 'native'
        ? `${data.strings[data.nodes[i + nameAt] as number]}`
        : `(${type})`;
    const group = result.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += data.nodes[i + sizeAt] as number;
    result.set(key, group);
  }
  return result;
}

function main(): void {
  const [before, after, top = '20'] = process.argv.slice(2);
  if (!before || !after) throw new Error('usage: heap-diff BEFORE.heapsnapshot AFTER.heapsnapshot [rows]');
  const a = groups(before);
  const b = groups(after);
  const total = (g: Groups) => [...g.values()].reduce((s, x) => s + x.bytes, 0);
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((name) => {
    const x = a.get(name) ?? { count: 0, bytes: 0 };
    const y = b.get(name) ?? { count: 0, bytes: 0 };
    return { name, before: x, after: y, bytes: y.bytes - x.bytes, count: y.count - x.count };
  });
  const kib = (n: number) => `${(n / 1024).toFixed(0)}`;
  const table = (title: string, sorted: typeof rows) => [
    `${title}:`,
    '',
    '| constructor | count before | count after | change | KiB before | KiB after | change |',
    '| ----------- | ------------ | ----------- | ------ | ---------- | --------- | ------ |',
    ...sorted
      .slice(0, Number(top))
      .map(
        (r) =>
          `| ${r.name.replace(/\|/g, '\\|').slice(0, 60) || '(anonymous)'} | ${r.before.count} | ${r.after.count} | ${r.count >= 0 ? '+' : ''}${r.count} | ` +
          `${kib(r.before.bytes)} | ${kib(r.after.bytes)} | ${r.bytes >= 0 ? '+' : ''}${kib(r.bytes)} |`,
      ),
    '',
  ];
  process.stdout.write(
    [
      `${basename(before)} → ${basename(after)}: self sizes ${(total(a) / 2 ** 20).toFixed(1)} → ${(total(b) / 2 ** 20).toFixed(1)} MiB`,
      '',
      ...table(
        'Largest growth in bytes',
        [...rows].sort((x, y) => y.bytes - x.bytes),
      ),
      ...table(
        'Largest growth in count',
        [...rows].sort((x, y) => y.count - x.count),
      ),
    ].join('\n'),
  );
}

main();
