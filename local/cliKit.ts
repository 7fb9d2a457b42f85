/**
 * What every `npm start` subcommand shares (local/cli.ts and the files it dispatches to): the error
 * whose message is the whole answer (printed, exit 1), progress on standard error, and argument
 * parsing that answers --help and a bad flag with the subcommand's usage.
 */

/** An error meant for the user as is: local/cli.ts prints its message and exits with 1. */
export class CliError extends Error {}

export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Runs `parse`; a bad flag is a CliError with the usage, --help prints the usage and gives null. */
export function parseOrUsage<T extends { values: { help?: boolean } }>(parse: () => T, usage: string): T | null {
  let parsed: T;
  try {
    parsed = parse();
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${usage}`);
  }
  if (parsed.values.help) {
    console.log(usage);
    return null;
  }
  return parsed;
}
