import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { psea } from './support/psea';
import { ROOT_DIR } from './support/test-hub';

describe('psea check-subgraph, against deliberately broken subgraphs', () => {
  let dir: string;
  let good: string;
  const file = (name: string, sdl: string) => {
    const path = join(dir, `${name}.graphql`);
    writeFileSync(path, sdl);
    return path;
  };
  const check = (sdl: string) => psea(['check-subgraph', '--sdl', file(`s${Math.random().toString(36).slice(2)}`, sdl)]);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'psea-check-'));
    good = execFileSync(process.execPath, [join(ROOT_DIR, 'subgraphs', 'agencies', 'dist', 'main.js'), '--print-sdl'], {
      encoding: 'utf8',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a conformant subgraph with exit code 0', () => {
    const result = check(good);
    expect(result.stdout).toMatch(/conforms/);
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'a victim name',
      (s: string) => s.replace('  reference: String!', '  reference: String!\n  victimName: String'),
      /Allegation\.victimName could expose names/,
    ],
    [
      'a passport number',
      (s: string) => s.replace('  reference: String!', '  reference: String!\n  passportNumber: String'),
      /passportNumber could expose identity documents/,
    ],
    [
      'a narrative',
      (s: string) => s.replace('  reference: String!', '  reference: String!\n  narrative: String'),
      /narrative could expose narratives/,
    ],
    [
      'a village',
      (s: string) => s.replace('  reference: String!', '  reference: String!\n  village: String'),
      /village could expose locations finer than the entity/,
    ],
    [
      'an exact date',
      (s: string) => s.replace('  reference: String!', '  reference: String!\n  incidentDate: String'),
      /incidentDate could expose dates finer than the month/,
    ],
  ])('flags a field that could expose confidential data: %s', (_name, mutate, message) => {
    const result = check(mutate(good));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(message);
  });

  it('flags a contract type that differs', () => {
    const result = check(good.replace(/ {2}perpetrators: Int\n/, '  perpetrators: String\n'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Allegation\.perpetrators has type String; the contract says Int/);
    expect(result.stdout).toMatch(/composition: .*Allegation\.perpetrators/);
  });

  it('flags a missing contributor field', () => {
    const broken = good.replace(/(type AuditView[\s\S]*?scope: String!\n)\s*agencies: SourceAudit![^\n]*\n/, '$1');
    expect(broken).not.toBe(good);
    const result = check(broken);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/AuditView has no contributor field agencies/);
  });

  it('flags a root field a source must not add', () => {
    const result = check(
      good.replace(
        '  agenciesSource: SourceDescription!',
        '  agenciesSource: SourceDescription!\n  victimsByVillage(village: String): Int',
      ),
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Query\.victimsByVillage could expose/);
  });

  it('keeps gateway/supergraph.graphql as psea compose writes it', () => {
    const out = join(dir, 'supergraph.graphql');
    const result = psea(['compose', '--out', out, '--no-build']);
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT_DIR, 'gateway', 'supergraph.graphql'), 'utf8'));
  });

  it('flags an SDL that does not parse, and usage errors with exit code 2', () => {
    expect(check('type {').stdout).toMatch(/does not parse/);
    const usage = psea(['check-subgraph']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--url .* or --sdl/);
  });
});
