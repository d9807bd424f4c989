import type { Command, Option } from 'commander';

/**
 * Commander's parse errors in our voice: `leverage: unknown option --att (did you mean --at?)`
 * on one line, instead of `error: unknown option '--att'` and the suggestion on the next.
 */
export function commanderMessage(str: string): string {
  const [first, ...rest] = str.replace(/\n+$/, '').split('\n');
  let msg = first.replace(/^error: /, '').replace(/'(-[^']*)'/g, '$1');
  const hint = rest.find((l) => /^\(Did you mean/.test(l));
  if (hint) msg += ' ' + hint.replace('(Did you mean', '(did you mean');
  const others = rest.filter((l) => l !== hint);
  return ['leverage: ' + msg, ...others].join('\n') + '\n';
}

/**
 * Commander checks required options before unknown ones, so `ledger --att 2025-06-11` said
 * "--at not specified" and hid the typo. Required options are checked here instead, in a
 * preAction hook, which runs after the unknown-option check.
 */
export function deferRequiredOptions(program: Command): void {
  const required = new Map<Command, Option[]>();
  const visit = (cmd: Command): void => {
    const opts = cmd.options.filter((o) => o.mandatory);
    for (const o of opts) o.mandatory = false;
    if (opts.length) required.set(cmd, opts);
    cmd.commands.forEach(visit);
  };
  visit(program);
  program.hook('preAction', (_root, action) => {
    for (const o of required.get(action) ?? [])
      if (action.getOptionValue(o.attributeName()) === undefined)
        action.error(`required option '${o.flags}' not specified`, {
          code: 'commander.missingMandatoryOptionValue',
        });
  });
}
