import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file beside the profiles that says which service each process id was, and when the load ran. */
export const PROCESS_INDEX_FILE = 'processes.json';

/** A stretch of a run (a scenario's load), in the monotonic microseconds V8 stamps samples with. */
export interface ProfileWindow {
  readonly label: string;
  readonly fromUs: number;
  readonly toUs: number;
}

export interface ProcessIndexFile {
  /** Service name by process id. */
  readonly processes: Record<string, string>;
  /** The scenarios' load windows: the summary counts samples inside them, not start-up or loading. */
  readonly windows: ProfileWindow[];
}

/**
 * The monotonic clock V8's profiler stamps samples with (CLOCK_MONOTONIC, as
 * process.hrtime), in microseconds: the same in every process of the machine.
 */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Which service each profiled process was (Node names a --cpu-prof file after the process id
 * only: CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile), and when each scenario's load ran, so
 * the summary can say where the time went under load rather than while starting or ingesting.
 */
export class ProcessIndex {
  private readonly file: ProcessIndexFile = { processes: {}, windows: [] };

  constructor(private readonly dir: string) {}

  add(pid: number | undefined, name: string): void {
    if (pid !== undefined) this.file.processes[String(pid)] = name;
  }

  /** Runs `work` and records its stretch of time under `label`. */
  async window<T>(label: string, work: () => Promise<T>): Promise<T> {
    const fromUs = monotonicUs();
    try {
      return await work();
    } finally {
      this.file.windows.push({ label, fromUs, toUs: monotonicUs() });
    }
  }

  write(): void {
    writeFileSync(join(this.dir, PROCESS_INDEX_FILE), `${JSON.stringify(this.file, null, 2)}\n`);
  }
}

/** The process id in a --cpu-prof file's name, or undefined for another name. */
export function profilePid(fileName: string): string | undefined {
  return /^CPU\.\d+\.\d+\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(fileName)?.[1];
}
