// The documented YAML skeleton `leverage ledger new --kind tariff|control|agreement` writes: a
// scenario file that extends the built-in ledger by one entry. Every value to fill in says FILL,
// so `leverage validate` names each one (at its line) until the entry is complete; nothing in the
// skeleton is a figure (docs/ledger-workflow.md).

export const SKELETON_KINDS = ['tariff', 'control', 'agreement'] as const;
export type SkeletonKind = (typeof SKELETON_KINDS)[number];

const HEAD = (
  kind: string,
  id: string,
  base: string,
) => `# A new ${kind} entry for the Leverage ledger (docs/ledger-workflow.md).
# 1. Replace every FILL with what the notice says (dates YYYY-MM-DD; sources: its URL).
# 2. Check it:                   npx leverage validate <this file>
# 3. See what it changes:        npx leverage ledger diff ${base} <this file>
# Field reference: docs/vintages.md (announced, retroactive) and \`npx leverage schema\`.
id: ${id}
extends: ${base}
title: ${base} with ${kind === 'agreement' ? 'an' : 'a'} new ${kind} entry
`;

const TARIFF = `measures:
- id: FILL-actor-authority-what-yyyy-mm   # unique, lower case, e.g. us-s301-ships-2026-12
  kind: tariff
  actor: US            # who imposes the duty (an actor id: US, CN)
  target: CN           # whose goods it hits (an actor id, or ALL)
  title: FILL what the measure does, in one line
  authority: FILL      # the legal authority as the stack names its layers (Section 301, 232, ...)
  announced: FILL      # the day it became public (the notice's date)
  # retroactive: true  # only if it applied to entries before it was announced
  scope:
    all: true          # every product; or: lists: [a list id] / groups: [a group id] / hs: ['8501']
  rates:
  - from: FILL         # the day the rate takes effect
    rate_pct: FILL     # percent ad valorem, 0-1000 (statutory; suspended_pct for a suspended part)
  status:
  - date: FILL         # the announcement
    status: announced
  - date: FILL         # the day it applies
    status: in_force
  sources:
  - FILL               # the notice's URL (Federal Register, MOFCOM announcement); at least one
  confidence: medium   # high, medium or low
`;

const CONTROL = `measures:
- id: FILL-actor-what-yyyy-mm   # unique, lower case, e.g. cn-ec-gallium-2026-12
  kind: export_control
  actor: CN            # who controls the export (an actor id)
  target: US           # whose buyers it restricts (an actor id, or ALL)
  title: FILL what is controlled, in one line
  authority: FILL      # e.g. MOFCOM Announcement No. NN, EAR (BIS)
  announced: FILL      # the day it became public
  items:
  - FILL               # the controlled items as the notice lists them
  licensing:
    required: true     # an export licence is needed
  status:
  - date: FILL         # the day it applies
    status: in_force
  sources:
  - FILL               # the notice's URL; at least one
  confidence: medium
`;

const AGREEMENT = `agreements:
- id: agr-FILL-yyyy-mm   # unique, lower case, e.g. agr-geneva-2025-05
  title: FILL what was agreed, in one line
  parties:
  - US
  - CN
  announced: FILL        # the day it became public
  status:
  - date: FILL           # talks, agreed_in_principle, signed, implemented, ...
    status: signed
  commitments:
  - by: US               # who commits
    measure: FILL        # the id of the measure it acts on (leverage ledger --at DATE lists them)
    action: suspend      # suspend, remove, lower, ...
    detail: FILL what exactly
  sources:
  - FILL                 # the statement's URL; at least one
`;

/** The skeleton file's text. */
export function ledgerSkeleton(kind: SkeletonKind, opts: { id?: string; extends?: string } = {}): string {
  const base = opts.extends ?? 'us-china';
  const id = opts.id ?? `${base}-update`;
  const body = kind === 'tariff' ? TARIFF : kind === 'control' ? CONTROL : AGREEMENT;
  return HEAD(kind, id, base) + body;
}
