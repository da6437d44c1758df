/** A contribution that does not decode: the source that sent it is treated as missing. */
export class MalformedContribution extends Error {
  constructor(problem: string) {
    super(`malformed statistics contribution: ${problem}`);
    this.name = 'MalformedContribution';
  }
}
