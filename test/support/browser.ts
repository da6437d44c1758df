import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { Browser, chromium } from 'playwright-core';
import { ROOT_DIR } from './test-hub';

/**
 * Where the browser comes from: `CHROMIUM_PATH`, else a system Chromium when one is installed,
 * else the one shipped inside the `@sparticuz/chromium` package of the lockfile, so that
 * `npm ci && npm test` needs nothing else on the machine.
 */
export type BrowserSource =
  | { kind: 'configured'; executablePath: string }
  | { kind: 'system'; executablePath: string }
  | { kind: 'packaged'; executablePath: string; dir: string };

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const PACKAGE_DIR = join(ROOT_DIR, 'node_modules', '@sparticuz', 'chromium');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LaunchOptions {
  /**
   * Passes over a system Chromium, as on a machine without one (also with
   * PSEA_SKIP_SYSTEM_BROWSER=1, to run the whole suite that way without uninstalling anything).
   */
  readonly skipSystem?: boolean;
}

/** Launches a headless Chromium from the first source that has one. */
export async function launchChromium(options: LaunchOptions = {}): Promise<{ browser: Browser; source: BrowserSource }> {
  const source = await resolveBrowser(options.skipSystem === true || process.env['PSEA_SKIP_SYSTEM_BROWSER'] === '1');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  if (source.kind === 'packaged') {
    // The package's binary is built for minimal Linux images: it brings NSS and expat with it.
    const libs = join(source.dir, 'al2023', 'lib');
    env['LD_LIBRARY_PATH'] = [libs, ...(env['LD_LIBRARY_PATH'] ? [env['LD_LIBRARY_PATH']] : [])].join(':');
    env['FONTCONFIG_PATH'] = join(source.dir, 'fonts');
  }
  const browser = await chromium.launch({
    executablePath: source.executablePath,
    args: source.kind === 'packaged' ? [...ARGS, '--no-zygote'] : ARGS,
    env,
  });
  return { browser, source };
}

async function resolveBrowser(skipSystem: boolean): Promise<BrowserSource> {
  const configured = process.env['CHROMIUM_PATH'];
  if (configured && !skipSystem) return { kind: 'configured', executablePath: configured };
  const system = skipSystem ? undefined : SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return { kind: 'system', executablePath: system };
  const dir = await unpackPackagedChromium();
  return { kind: 'packaged', executablePath: join(dir, 'chromium'), dir };
}

/**
 * Unpacks the package's Brotli archives once per package version into node_modules/.cache,
 * through a private folder renamed into place, so parallel test workers never see half a browser.
 */
async function unpackPackagedChromium(): Promise<string> {
  const version = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(ROOT_DIR, 'node_modules', '.cache', 'psea-chromium', version);
  if (existsSync(join(dir, 'chromium'))) return dir;
  const staging = `${dir}.${process.pid}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'al2023'), { recursive: true });
  const bin = join(PACKAGE_DIR, 'bin');
  await pipeline(
    createReadStream(join(bin, 'chromium.br')),
    createBrotliDecompress(),
    createWriteStream(join(staging, 'chromium'), { mode: 0o755 }),
  );
  untarBrotli(join(bin, 'fonts.tar.br'), staging);
  untarBrotli(join(bin, 'swiftshader.tar.br'), staging);
  untarBrotli(join(bin, 'al2023.tar.br'), join(staging, 'al2023'));
  writeFileSync(
    join(staging, 'fonts', 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another worker got there first: its copy is complete, ours is not needed.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'chromium'))) throw error;
  }
  return dir;
}

/** Extracts a .tar.br archive (a few MB) with the system's tar, fed by Node's Brotli decoder. */
function untarBrotli(archive: string, into: string): void {
  const result = spawnSync('tar', ['-x', '-C', into], { input: brotliDecompressSync(readFileSync(archive)) });
  if (result.status !== 0) throw new Error(`tar could not extract ${archive}: ${result.stderr.toString()}`);
}
