import { existsSync } from 'node:fs';
import { ConfigError } from '@psea/contract';

/** A process environment, or a test's stand-in for one. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads an integer variable, or explains which variable was wrong and what was expected. */
export function intVariable(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Reads a variable naming a file that must exist. */
export function fileVariable(env: Env, name: string, what: string): string {
  const file = env[name];
  if (!file) throw new ConfigError(`${name} must name ${what}`);
  if (!existsSync(file)) throw new ConfigError(`${name} names ${file}, which does not exist (expected ${what})`);
  return file;
}
