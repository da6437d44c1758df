import { readManagementConfig } from '../http/management';

describe('the management listener configuration', () => {
  it('binds to loopback by default, beside the service port', () => {
    expect(readManagementConfig({}, 4001)).toEqual({ host: '127.0.0.1', port: 9401, token: undefined });
    expect(readManagementConfig({}, 0).port).toBe(0);
  });

  it('refuses a non-loopback management address without a metrics token', () => {
    expect(() => readManagementConfig({ MANAGEMENT_HOST: '0.0.0.0' }, 4000)).toThrow(/not a loopback address: set METRICS_TOKEN/);
    expect(readManagementConfig({ MANAGEMENT_HOST: '0.0.0.0', METRICS_TOKEN: 'x'.repeat(16) }, 4000).host).toBe('0.0.0.0');
    expect(() => readManagementConfig({ METRICS_TOKEN: 'short' }, 4000)).toThrow(/at least 16 characters/);
  });
});
