/** Reads a port-like integer from the environment, or stops with a message naming the variable. */
export function intVariable(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(raw)}`);
  }
  return value;
}
