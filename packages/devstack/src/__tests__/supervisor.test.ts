import { Supervisor } from '../supervisor';

const POLICY = { initialDelayMs: 20, maxDelayMs: 50, maxRestarts: 2, windowMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the supervisor', () => {
  it('restarts with growing delays, one line each, then gives up in one line and stays down', async () => {
    const lines: string[] = [];
    let restarts = 0;
    const supervisor = new Supervisor({
      name: 'agencies',
      restart: async () => void restarts++,
      announce: (l) => lines.push(l),
      policy: POLICY,
    });
    supervisor.crashed('signal SIGKILL');
    await sleep(60);
    supervisor.crashed('code 1');
    await sleep(100);
    supervisor.crashed('code 1');
    await sleep(100);
    expect(restarts).toBe(2);
    expect(supervisor.gaveUp).toBe(true);
    expect(lines).toEqual([
      'agencies exited (signal SIGKILL): restarting in 0.0 s (restart 1 of at most 2 in 60 s)',
      'agencies exited (code 1): restarting in 0.0 s (restart 2 of at most 2 in 60 s)',
      'agencies exited (code 1) 3 times in 60 s: giving up, it stays down',
    ]);
  });

  it('counts a restart that fails to start as another crash', async () => {
    const lines: string[] = [];
    let attempts = 0;
    const supervisor = new Supervisor({
      name: 'gateway',
      restart: async () => {
        attempts++;
        throw new Error('gateway exited while starting (code 3)\ndetails');
      },
      announce: (l) => lines.push(l),
      policy: POLICY,
    });
    supervisor.crashed('signal SIGKILL');
    await sleep(300);
    expect(attempts).toBe(2);
    expect(lines[1]).toBe(
      'gateway exited (could not start: gateway exited while starting (code 3)): restarting in 0.0 s (restart 2 of at most 2 in 60 s)',
    );
    expect(lines[2]).toMatch(/giving up/);
  });

  it('does not restart once stopped', async () => {
    let restarts = 0;
    const supervisor = new Supervisor({
      name: 'x',
      restart: async () => void restarts++,
      announce: () => undefined,
      policy: POLICY,
    });
    supervisor.crashed('code 1');
    supervisor.stop();
    await sleep(60);
    expect(restarts).toBe(0);
  });
});
