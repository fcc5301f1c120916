// The bench scripts' command lines: every argument must be one the script knows, `--help` / `-h`
// prints its usage and exits 0 before anything runs, and an unknown option (a typo such as
// `--event 1000`) prints the usage and exits 2 instead of silently running the default — a default
// `npm run bench` takes a quarter of an hour. Hand-written (node:util's parseArgs would do, but its
// refusals are English stack traces and it has no notion of a usage text to print with them).

/**
 * Reads `args` (process.argv without node and the script) against `spec`:
 * `{ usage: string, values: string[], flags: string[] }` — `values` name options that take the next
 * argument (`--events 10000`), `flags` those that stand alone (`--quick`). Returns
 * `{ value(name) → string | undefined, flag(name) → boolean }`. Prints `usage` and ends the process:
 * exit 0 on `--help`/`-h`, exit 2 on an unknown option, a stray argument or a value missing.
 */
export function readCommandLine(args, spec) {
  const given = new Map();
  const refuse = (why) => {
    console.error(`${why}\n\n${spec.usage}`);
    process.exit(2);
  };
  if (args.includes('--help') || args.includes('-h')) {
    console.log(spec.usage);
    process.exit(0);
  }
  for (let at = 0; at < args.length; at += 1) {
    const name = args[at];
    if (spec.flags.includes(name)) given.set(name, true);
    else if (spec.values.includes(name)) {
      const value = args[at + 1];
      if (value === undefined || value.startsWith('--')) refuse(`${name} needs a value`);
      given.set(name, value);
      at += 1;
    } else refuse(name.startsWith('-') ? `unknown option ${name}` : `unexpected argument ${name}`);
  }
  return {
    value: (name) => (typeof given.get(name) === 'string' ? given.get(name) : undefined),
    flag: (name) => given.get(name) === true,
  };
}
