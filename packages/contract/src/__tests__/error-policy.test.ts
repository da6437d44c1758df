import { ErrorCode, badUserInput, forbidden } from '../errors';
import { errorBody, internalError, shownToClient } from '../error-policy';

const formatted = (error: { message: string; extensions: Record<string, unknown> }) => ({
  message: error.message,
  path: ['allegations'],
  extensions: { ...error.extensions, debugUrl: 'http://10.0.0.5', response: { body: 'x' } },
});

describe('the one error policy of the gateway and the sources', () => {
  it('shows a registered client error with its message and only the allowed extensions', () => {
    const shown = shownToClient(formatted(badUserInput('first', 'a whole number', -1)));
    expect(shown).toEqual({
      message: 'Invalid first: expected a whole number, got -1',
      path: ['allegations'],
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'first' },
    });
  });

  it('keeps the operation of a refusal and drops the status Apollo already used', () => {
    const error = forbidden('cases');
    expect(shownToClient({ message: error.message, extensions: error.extensions })?.extensions).toEqual({
      code: ErrorCode.FORBIDDEN,
      operation: 'cases',
    });
  });

  it('shows nothing thrown without a registered code, nor a message that names an address', () => {
    expect(shownToClient({ message: 'boom', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })).toBeUndefined();
    expect(shownToClient({ message: 'boom', extensions: { code: 'SOMETHING_ELSE' } })).toBeUndefined();
    expect(shownToClient({ message: 'see http://db:5432', extensions: { code: ErrorCode.BAD_USER_INPUT } })).toBeUndefined();
  });

  it('shows Apollo’s own request errors as they are', () => {
    expect(shownToClient({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } })?.message).toBe(
      'Syntax Error',
    );
    // The gateway's refusal of an operation name the document does not hold (GraphiQL with two tabs).
    expect(
      shownToClient({ message: 'Unknown operation named "A".', extensions: { code: 'INVALID_GRAPHQL' } })?.extensions,
    ).toEqual({ code: 'INVALID_GRAPHQL' });
  });

  it('answers anything else with one fixed internal error, naming the request when it knows it', () => {
    expect(internalError(['x'], 'abc')).toEqual({
      message: 'Internal server error (request abc)',
      path: ['x'],
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: 'abc' },
    });
    expect(internalError(undefined)).toEqual({
      message: 'Internal server error',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
    expect(errorBody(ErrorCode.UNAUTHENTICATED, 'no token')).toEqual({
      errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });
});
