import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of a process, in MiB (Linux), or null when it is gone. */
export function rssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Resident memory of a process and all its children (PostgreSQL's server and backends), in MiB. */
export function treeRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const own = rssMiB(pid);
  if (own === null) return null;
  let total = own;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) total += rssMiB(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
