import { Role } from '@psea/contract';
import type { Topology } from '@psea/devstack';
import { Balancer, startRoundRobinBalancer } from './support/round-robin-balancer';
import { TEST_TOPOLOGIES, TestHub, postGraphQL, startTestHub } from './support/test-hub';

const PAGE = 'query($after: String) { allegations(first: 37, after: $after) { items { id } hasNextPage endCursor complete } }';
const SCREEN = (index: string) => `{ screen(subject: { unIndexNumber: "${index}" }) { matched } }`;

/**
 * Two routers of each topology behind one address, with no affinity: nothing a caller holds (a
 * cursor) or is limited by (a screening quota) may depend on which replica answers. Split and
 * Hive, each replica has a system-view service of its own (where the limiter runs), so the
 * shared PostgreSQL store is all that links them. One hub (PostgreSQL, the sources) serves every
 * topology; only the routing tier is started per topology.
 */
describe('replicated routers behind one address', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub({
      sharedLimiterStore: true,
      env: { SCREENING_RATE_PER_MINUTE: '6', SCREENING_QUOTA_PER_DAY: '1000' },
      ...(TEST_TOPOLOGIES[0] ? { topology: TEST_TOPOLOGIES[0] } : {}),
    });
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
  });

  describe.each(TEST_TOPOLOGIES)('%s', (topology: Topology) => {
    let balancer: Balancer;
    let replicaUrl: string;

    beforeAll(async () => {
      if (t.hub.topology !== topology) await t.hub.useTopology(topology);
      replicaUrl = (await t.hub.addRouterReplica({ ownSystemView: topology !== 'embedded' })).url as string;
      balancer = await startRoundRobinBalancer([t.hub.gatewayUrl, replicaUrl]);
    }, 180_000);
    afterAll(async () => {
      await balancer?.close();
    });

    const viaBalancer = <T = any>(query: string, variables: Record<string, unknown> | undefined, token: string) =>
      postGraphQL<T>(balancer.url, query, variables, token);

    it('walks every page with cursors from either replica, the same records as one request', async () => {
      const token = await t.token({ role: Role.COORDINATOR, subject: `walker-${topology}` });
      const before = [...balancer.served];
      const walked: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const { data, errors }: { data?: any; errors?: unknown } = await viaBalancer(PAGE, { after }, token);
        expect(errors).toBeUndefined();
        expect(data.allegations.complete).toBe(true);
        walked.push(...data.allegations.items.map((i: { id: string }) => i.id));
        if (!data.allegations.hasNextPage) break;
        after = data.allegations.endCursor;
      }
      // Both replicas served pages, each continuing from a cursor the other one issued.
      const served = balancer.served.map((n, i) => n - (before[i] ?? 0));
      expect(served.every((n) => n >= 5)).toBe(true);
      expect(new Set(walked).size).toBe(walked.length);
      const whole = await t.gql('{ allegations(first: 500) { items { id } hasNextPage } }');
      expect(whole.data.allegations.hasNextPage).toBe(false);
      expect(walked).toEqual(whole.data.allegations.items.map((i: { id: string }) => i.id));
    });

    it('holds one screener to the per-minute quota across both replicas (shared PostgreSQL store)', async () => {
      // A screener of its own per topology: the store outlives the routing tiers.
      const token = await t.token({ role: Role.SCREENER, subject: `mallory-round-robin-${topology}` });
      const outcomes: string[] = [];
      for (let i = 0; i < 14; i++) {
        const response = await viaBalancer(SCREEN(String(9400000 + i)), undefined, token);
        outcomes.push(response.errors ? String(response.errors[0]?.extensions?.['code']) : 'OK');
      }
      // Six in all, not six per replica: alternating replicas buys the attacker nothing.
      expect(outcomes).toEqual([...Array(6).fill('OK'), ...Array(8).fill('RATE_LIMITED')]);
      // Asked directly, each replica refuses too.
      const direct = await Promise.all(
        [t.hub.gatewayUrl, replicaUrl].map((url) => postGraphQL<any>(url, SCREEN('9400100'), undefined, token)),
      );
      for (const response of direct) expect(response.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    });
  });
});
