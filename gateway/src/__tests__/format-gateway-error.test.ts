import { type Logger, withRequestId } from '@psea/service';
import { createGatewayErrorFormatter } from '../format-gateway-error';

describe("the gateway's error formatter", () => {
  it('answers an internal error with a fixed message and the request id it logs the detail with', () => {
    const logged: unknown[] = [];
    const logger = { error: (entry: unknown) => logged.push(entry) } as unknown as Logger;
    const format = createGatewayErrorFormatter(logger);
    const leak = {
      message: 'connect ECONNREFUSED 10.0.0.5:5432 (postgres://hub:secret@10.0.0.5)',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    const requestId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const answer = withRequestId(requestId, () => format(leak));
    expect(answer).toEqual({
      message: `Internal server error (request ${requestId})`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    });
    expect(logged).toEqual([expect.objectContaining({ requestId, error: leak })]);
  });
});
