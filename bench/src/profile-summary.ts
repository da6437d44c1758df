import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CallFrame, GROUPS, groupOf, packageOf, projectFolderOf } from './profile/profile-groups';
import { PROCESS_INDEX_FILE, ProcessIndexFile, ProfileWindow, profilePid } from './profile/process-index';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

export interface CpuProfile {
  /** Monotonic microseconds of the first sample's base; each sample is timeDeltas later than the one before. */
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time (µs) per frame of one or more profiles, idle left out, and the idle time. */
interface SelfTime {
  readonly frames: Array<{ frame: CallFrame; us: number }>;
  readonly idleUs: number;
}

/** Self time, counting only the samples inside `windows` when given (the load, not start-up). */
function selfTime(profiles: readonly CpuProfile[], windows?: readonly ProfileWindow[]): SelfTime {
  const frames: SelfTime['frames'] = [];
  let idleUs = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const us = new Map<number, number>();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      at += delta;
      if (windows && !windows.some((w) => at >= w.fromUs && at <= w.toUs)) return;
      us.set(id, (us.get(id) ?? 0) + delta);
    });
    for (const [id, t] of us) {
      const node = byId.get(id);
      if (!node) continue;
      if (node.callFrame.functionName === '(idle)') idleUs += t;
      else frames.push({ frame: node.callFrame, us: t });
    }
  }
  return { frames, idleUs };
}

/** Where a function's code lives: its package, the project's folder, `node core`, or V8's name. */
export function categoryOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = packageOf(url);
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node core';
  const own = projectFolderOf(url);
  return own ? `project: ${own}` : url;
}

/**
 * Self time of --cpu-prof profiles (one process, or several summed): by group (planning,
 * merging, graphql-js, JSON, our code, http, GC...), by package and by function.
 */
export function summarise(profiles: CpuProfile | readonly CpuProfile[], top = 15, windows?: readonly ProfileWindow[]): string {
  const { frames, idleUs } = selfTime(Array.isArray(profiles) ? profiles : [profiles as CpuProfile], windows);
  const busy = frames.reduce((a, f) => a + f.us, 0);
  const groups = new Map<string, number>(GROUPS.map((g) => [g, 0]));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  for (const { frame, us } of frames) {
    add(groups, groupOf(frame), us);
    const category = categoryOf(frame.url, frame.functionName);
    add(packages, category, us);
    add(functions, `${frame.functionName || '(anonymous)'} ${category}:${frame.lineNumber + 1}`, us);
  }
  const share = (us: number) => `${((us / Math.max(1, busy)) * 100).toFixed(1)}%`;
  const rows = (m: Map<string, number>, limit: number) =>
    [...m.entries()]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, us]) => `| ${k} | ${(us / 1000).toFixed(0)} ms | ${share(us)} |`);
  const span = windows ? ` in the scenarios' load (${windows.map((w) => w.label).join(', ')})` : '';
  return [
    `Busy ${(busy / 1e6).toFixed(1)} s of ${((busy + idleUs) / 1e6).toFixed(1)} s profiled${span}.`,
    '',
    '| where | self time | share of busy |',
    '| --- | --- | --- |',
    ...rows(groups, GROUPS.length),
    '',
    '| package | self time | share of busy |',
    '| --- | --- | --- |',
    ...rows(packages, top),
    '',
    '| function | self time | share of busy |',
    '| --- | --- | --- |',
    ...rows(functions, top),
  ].join('\n');
}

/** The groups' share of busy time per load window (scenario): what each scenario spends where. */
export function byWindow(profiles: readonly CpuProfile[], windows: readonly ProfileWindow[]): string {
  const columns = windows.map((w) => {
    const { frames } = selfTime(profiles, [w]);
    const totals = new Map<string, number>();
    for (const { frame, us } of frames) totals.set(groupOf(frame), (totals.get(groupOf(frame)) ?? 0) + us);
    return { busy: frames.reduce((a, f) => a + f.us, 0), totals };
  });
  const cell = (c: (typeof columns)[number], us: number) =>
    `${(us / 1000).toFixed(0)} ms (${((us / Math.max(1, c.busy)) * 100).toFixed(0)}%)`;
  return [
    `| where | ${windows.map((w) => w.label).join(' | ')} |`,
    `| --- |${windows.map(() => ' --- |').join('')}`,
    ...GROUPS.filter((g) => columns.some((c) => (c.totals.get(g) ?? 0) > 0)).map(
      (g) => `| ${g} | ${columns.map((c) => cell(c, c.totals.get(g) ?? 0)).join(' | ')} |`,
    ),
    `| busy | ${columns.map((c) => `${(c.busy / 1000).toFixed(0)} ms`).join(' | ')} |`,
  ].join('\n');
}

/** The role a profiled process played, from the index the benchmark wrote beside the profiles. */
export function roleOf(name: string | undefined): string {
  if (!name) return 'unnamed processes';
  if (name === 'gateway' || name.startsWith('gateway ')) return name;
  // The other routing tiers are named after their engine ('Hive gateway', 'Apollo split system view').
  if (/(gateway|system[- ]view)$/i.test(name) || name.startsWith('hive')) return name;
  return 'sources (all, summed)';
}

/**
 * A folder of profiles from `--cpu-prof <dir>`: one summary per role (the gateway, the sources
 * summed, ...), named from the folder's processes.json.
 */
export function summariseFolder(dir: string, top = 15): string {
  const indexFile = join(dir, PROCESS_INDEX_FILE);
  const index = ((): ProcessIndexFile | undefined => {
    try {
      return JSON.parse(readFileSync(indexFile, 'utf8')) as ProcessIndexFile;
    } catch {
      return undefined;
    }
  })();
  const names = index?.processes ?? {};
  // Without windows (profiles made by hand) the whole of each process's life is counted.
  const windows = index?.windows.length ? index.windows : undefined;
  const byRole = new Map<string, CpuProfile[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const pid = profilePid(file);
    const role = roleOf(pid ? names[pid] : undefined);
    byRole.set(role, [...(byRole.get(role) ?? []), JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile]);
  }
  if (byRole.size === 0) throw new Error(`no .cpuprofile files in ${dir}`);
  const order = (role: string) => (role === 'gateway' ? 0 : role.startsWith('sources') ? 2 : 1);
  return [...byRole.entries()]
    .sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))
    .map(([role, profiles]) =>
      [
        `## ${role} (${profiles.length} process${profiles.length === 1 ? '' : 'es'}, ${basename(dir)})`,
        summarise(profiles, top, windows),
        ...(windows
          ? [
              'By scenario (self time in each load window, and its share of that window’s busy time):',
              byWindow(profiles, windows),
            ]
          : []),
      ].join('\n\n'),
    )
    .join('\n\n');
}

if (require.main === module) {
  const [target, top] = process.argv.slice(2);
  if (!target) throw new Error('usage: profile-summary <folder of --cpu-prof profiles | file.cpuprofile> [top]');
  const limit = Number(top ?? 15);
  const text = statSync(target).isDirectory()
    ? summariseFolder(target, limit)
    : summarise(JSON.parse(readFileSync(target, 'utf8')) as CpuProfile, limit);
  process.stdout.write(`${text}\n`);
}
