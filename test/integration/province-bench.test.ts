import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The province benchmark in small (docs/scaling.md#the-province-benchmark): the same command as the
 * full run, on a demo county at scale 0.02 and one other county of Hunan at scale 0.01, one second per
 * scenario and five users. It checks that the run goes through both phases — every scenario answered
 * without an error, both jobs done, the province's registry holding the generated county — not its
 * speed (figures come from the full run on a quiet machine).
 */
const embeddedOnly = process.env.JZ_TEST_ENGINE === 'embedded';
const RESULT = 'bench/results/province-0.01-2counties.json';

interface Scenario {
  error?: string;
  coldMs?: number;
  paced?: { requests: number; non2xx: number };
  saturated?: { requests: number; non2xx: number };
}

describe.runIf(embeddedOnly)('the province benchmark, CI-sized', () => {
  it('measures the county, generates a second county beside the running server and measures the province', async () => {
    const before = fs.existsSync(RESULT) ? fs.readFileSync(RESULT) : null;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/province.ts', '0.01', '1', '1', '5'], {
      env: { ...process.env, JZ_DEMO_SCALE: '0.02', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      expect(code, err.slice(-3000)).toBe(0);
      const result = JSON.parse(out) as {
        counties: number;
        registry: { households: number };
        generated: { households: number };
        countyScale: Record<string, Scenario | number | { error: string }>;
        provinceScale: Record<string, Scenario | number | { error: string }>;
      };
      expect(result.counties).toBe(2);
      expect(result.generated.households).toBeGreaterThan(0);
      for (const [phase, scenarios] of [
        ['county', result.countyScale],
        ['province', result.provinceScale],
      ] as const) {
        for (const [name, s] of Object.entries(scenarios)) {
          if (typeof s === 'number') continue; // the jobs' seconds
          expect((s as Scenario).error, `${phase}: ${name}`).toBeUndefined();
          const run = s as Scenario;
          if (run.paced) {
            expect(run.paced.requests, `${phase}: ${name}`).toBeGreaterThan(0);
            expect(run.paced.non2xx + (run.saturated?.non2xx ?? 0), `${phase}: ${name}`).toBe(0);
          }
        }
        expect(typeof scenarios['batch evaluation of a county (s)'], phase).toBe('number');
        expect(typeof scenarios['quality run of a county (s)'], phase).toBe('number');
      }
      expect(Object.keys(result.provinceScale)).toContain('measures, province (warm)');
      expect(Object.keys(result.provinceScale)).toContain('dashboard, province');
    } finally {
      if (before) fs.writeFileSync(RESULT, before);
      else fs.rmSync(RESULT, { force: true });
    }
  }, 900_000);
});
