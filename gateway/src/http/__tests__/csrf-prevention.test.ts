import { csrfRefusal } from '../csrf-prevention';

describe("csrfRefusal (Apollo Server's CSRF rule, for Hive Gateway's route)", () => {
  it('lets through a request whose content type needs a preflight', () => {
    expect(csrfRefusal({ 'content-type': 'application/json' })).toBeUndefined();
    expect(csrfRefusal({ 'content-type': 'application/json; charset=utf-8' })).toBeUndefined();
    expect(csrfRefusal({ 'content-type': 'application/graphql' })).toBeUndefined();
  });

  it('lets through a request with a header only a script can set', () => {
    expect(csrfRefusal({ 'apollo-require-preflight': 'true' })).toBeUndefined();
    expect(csrfRefusal({ 'content-type': 'text/plain', 'x-apollo-operation-name': 'Q' })).toBeUndefined();
  });

  it('refuses what a form or an <img> on another site can send', () => {
    for (const headers of [
      {},
      { 'content-type': 'text/plain' },
      { 'content-type': 'TEXT/PLAIN; charset=utf-8' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'apollo-require-preflight': '' },
    ]) {
      expect(csrfRefusal(headers)).toMatch(/^This operation has been blocked as a potential Cross-Site Request Forgery/);
    }
  });
});
