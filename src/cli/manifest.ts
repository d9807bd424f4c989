// Which command each command file registers, with its help line, written at build time
// (scripts/build.mjs) to dist/cli/commands.json so the CLI loads one command file per run and
// `leverage --help` loads none. From source there is no manifest and every file is loaded.
import { readFileSync } from 'node:fs';
import { Command, Help } from 'commander';
import { COMMAND_MODULES } from './commands/index.ts';

export interface ManifestEntry {
  /** The command's name as typed (`ledger`, `io`, `questions`). */
  name: string;
  /** Key of COMMAND_MODULES: the file that registers it. */
  module: string;
  /** Its line in the top-level help: term (`ledger [options] <product>`) and description. */
  term: string;
  description: string;
}

// through cli/: the same file from dist/cli/ and from the CLI bundle (dist/bundle/)
const MANIFEST_URL = new URL('../cli/commands.json', import.meta.url);

/** Register every command file on its own program and record what each adds. */
export async function buildManifest(): Promise<ManifestEntry[]> {
  const help = new Help();
  const out: ManifestEntry[] = [];
  for (const [module, load] of Object.entries(COMMAND_MODULES)) {
    const program = new Command();
    (await load()).register(program);
    for (const c of program.commands)
      out.push({
        name: c.name(),
        module,
        term: help.subcommandTerm(c),
        description: help.subcommandDescription(c),
      });
  }
  return out;
}

/** The built manifest, or null when there is none (running from source, or not built yet). */
export function readManifest(): ManifestEntry[] | null {
  if (import.meta.url.endsWith('.ts')) return null;
  try {
    return JSON.parse(readFileSync(MANIFEST_URL, 'utf8')) as ManifestEntry[];
  } catch {
    return null;
  }
}

/** The command a command line names (`help X` names X), or null when it names none. */
export function commandNameIn(argv: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--as-known-on')
      i++; // the one global option with a value
    else if (a === '--') return argv[i + 1] ?? null;
    else if (!a.startsWith('-')) return a === 'help' ? (argv[i + 1] ?? null) : a;
  }
  return null;
}

/** Name-and-description stand-ins for every command: enough for the top-level help. */
export function registerStubs(program: Command, manifest: ManifestEntry[]): void {
  const terms = new Map(manifest.map((e) => [e.name, e.term]));
  const base = new Help();
  program.configureHelp({ subcommandTerm: (c) => terms.get(c.name()) ?? base.subcommandTerm(c) });
  for (const e of manifest) program.command(e.name).description(e.description);
}
