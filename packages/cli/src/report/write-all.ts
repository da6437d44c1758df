import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes files all at once: rendered first, then each appears whole. */
export function writeAll(out: string, files: Record<string, string>): void {
  mkdirSync(out, { recursive: true });
  const staging = mkdtempSync(join(out, '.report-'));
  try {
    for (const [file, content] of Object.entries(files)) writeFileSync(join(staging, file), content);
    for (const file of Object.keys(files)) renameSync(join(staging, file), join(out, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
