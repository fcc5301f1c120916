import { distance } from 'fastest-levenshtein';
import { InvalidSettingsError } from '../config/app-settings.js';
import { say } from '../shared/domain-error.js';

/**
 * The options `npm start -- …` (node dist/main.js …) takes, each the setting it stands for this start:
 * `--accept-store-reset` is ACCEPT_STORE_RESET=true, `--accept-clock-ahead-records` is
 * ACCEPT_CLOCK_AHEAD_RECORDS=true (breaker9q P4).
 */
export const START_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '--accept-store-reset': { ACCEPT_STORE_RESET: 'true' },
  '--accept-clock-ahead-records': { ACCEPT_CLOCK_AHEAD_RECORDS: 'true' },
};

/**
 * The settings this start's command-line arguments stand for (`START_OPTIONS`).
 * @throws InvalidSettingsError naming every argument that is not one of them (breaker9r P5: a mistyped
 *   `--accept-clock-ahead-record` was ignored silently, and the start went on as if nothing was asked),
 *   with the option it is closest to when one is near, in English and Chinese; the server does not start.
 */
export function settingsFromArguments(args: readonly string[]): Record<string, string> {
  const unknown = args.filter((arg) => !Object.hasOwn(START_OPTIONS, arg));
  if (unknown.length > 0) {
    const known = Object.keys(START_OPTIONS);
    throw new InvalidSettingsError(
      unknown.map((arg) => {
        const near = known.map((option) => ({ option, apart: distance(arg, option) })).sort((a, b) => a.apart - b.apart)[0]!;
        const meant = near.apart <= 3 ? near.option : null;
        return say(
          `The start option "${arg}" is not one the server takes${meant ? ` — did you mean ${meant}?` : '.'} Options: ${known.join(', ')} (or their settings in the environment). Nothing was started.`,
          `启动参数“${arg}”不是服务可用的参数${meant ? `——是否想输入 ${meant}？` : '。'}可用参数：${known.join('、')}（也可在环境变量中设置对应项）。服务未启动。`,
        );
      }),
    );
  }
  return Object.assign({}, ...args.map((arg) => START_OPTIONS[arg]));
}
