import { cpus, totalmem } from 'node:os';
import { benchNodeEnv } from './bench-hub';

/** The machine a bench result was measured on, and how its services ran. */
export interface BenchMachine {
  cores: number;
  memoryGiB: number;
  node: string;
  cpu: string;
  /** NODE_ENV of the services measured (absent in runs from before it was recorded). */
  nodeEnv?: string;
}

/** This machine, as every results file records it. */
export function benchMachine(): BenchMachine {
  return {
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    nodeEnv: benchNodeEnv(),
  };
}
