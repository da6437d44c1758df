import { benchSourceTimeoutMs, isCompleteAnswer } from '../bench-conditions';

describe('the many-sources bench conditions', () => {
  it('keeps the deployed 5 s source timeout up to ten sources and grows it with their number after', () => {
    expect(benchSourceTimeoutMs(3)).toBe(5_000);
    expect(benchSourceTimeoutMs(10)).toBe(5_000);
    expect(benchSourceTimeoutMs(30)).toBe(15_000);
  });

  it('counts an answer as complete only without errors and with every root field complete', () => {
    expect(isCompleteAnswer('{"data":{"allegations":{"items":[],"complete":true}}}')).toBe(true);
    expect(isCompleteAnswer('{"data":{"allegations":{"items":[],"complete":false}}}')).toBe(false);
    expect(
      isCompleteAnswer(
        '{"data":{"allegations":{"complete":true}},"errors":[{"message":"x","extensions":{"code":"SOURCE_UNAVAILABLE"}}]}',
      ),
    ).toBe(false);
    expect(isCompleteAnswer('{"data":{"allegations":null}}')).toBe(false);
    expect(isCompleteAnswer('{"data":{}}')).toBe(false);
    expect(isCompleteAnswer('not json')).toBe(false);
  });
});
