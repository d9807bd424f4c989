import { didYouMean } from '../errors/index.ts';
import { GameInputError } from './errors.ts';
import type { ParamValue, Strategy, StrategyInfo } from './types.ts';
import { cooperatorInfo } from './strategies/cooperator.ts';
import { defectorInfo } from './strategies/defector.ts';
import { titForTatInfo } from './strategies/titForTat.ts';
import { suspiciousTitForTatInfo } from './strategies/suspiciousTitForTat.ts';
import { titFor2TatsInfo } from './strategies/titFor2Tats.ts';
import { twoTitsForTatInfo } from './strategies/twoTitsForTat.ts';
import { hardTitForTatInfo } from './strategies/hardTitForTat.ts';
import { grudgerInfo } from './strategies/grudger.ts';
import { forgetfulGrudgerInfo } from './strategies/forgetfulGrudger.ts';
import { softGrudgerInfo } from './strategies/softGrudger.ts';
import { alternatorInfo } from './strategies/alternator.ts';
import { cyclerCCDInfo } from './strategies/cyclerCCD.ts';
import { winStayLoseShiftInfo } from './strategies/winStayLoseShift.ts';
import { goByMajorityInfo } from './strategies/goByMajority.ts';
import { hardGoByMajorityInfo } from './strategies/hardGoByMajority.ts';
import { bullyInfo } from './strategies/bully.ts';
import { antiTitForTatInfo } from './strategies/antiTitForTat.ts';
import { proberInfo } from './strategies/prober.ts';
import { gradualInfo } from './strategies/gradual.ts';
import { generousTitForTatInfo } from './strategies/generousTitForTat.ts';
import { randomInfo } from './strategies/random.ts';
import { tacoInfo } from './strategies/taco.ts';
import { fightOrTalkInfo } from './strategies/fightOrTalk.ts';
import { painReactiveInfo } from './strategies/painReactive.ts';
import { scriptedInfo } from './strategies/scripted.ts';

/** Every strategy, in the order listed by `leverage game strategies`. */
export const STRATEGIES: readonly StrategyInfo[] = [
  cooperatorInfo,
  defectorInfo,
  titForTatInfo,
  suspiciousTitForTatInfo,
  titFor2TatsInfo,
  twoTitsForTatInfo,
  hardTitForTatInfo,
  grudgerInfo,
  forgetfulGrudgerInfo,
  softGrudgerInfo,
  alternatorInfo,
  cyclerCCDInfo,
  winStayLoseShiftInfo,
  goByMajorityInfo,
  hardGoByMajorityInfo,
  bullyInfo,
  antiTitForTatInfo,
  proberInfo,
  gradualInfo,
  generousTitForTatInfo,
  randomInfo,
  tacoInfo,
  fightOrTalkInfo,
  painReactiveInfo,
  scriptedInfo,
];

/** The 19 deterministic classics of the Axelrod-Python benchmark tournament. */
export const DETERMINISTIC_CLASSICS: readonly string[] = STRATEGIES.filter(
  (s) => s.axelrod !== undefined && !s.stochastic,
).map((s) => s.name);

const STRATEGY_NAMES = STRATEGIES.map((s) => s.name);
const norm = (s: string): string => s.replace(/[\s_-]/g, '').toLowerCase();
const BY_NAME = new Map<string, StrategyInfo>();
for (const s of STRATEGIES) {
  BY_NAME.set(norm(s.name), s);
  if (s.axelrod) BY_NAME.set(norm(s.axelrod), s);
}

/** Look a strategy up by name (case, spaces, '-' and '_' ignored; Axelrod names accepted, e.g. GTFT). */
export function getStrategyInfo(name: string): StrategyInfo {
  const info = BY_NAME.get(norm(name));
  if (!info)
    throw new GameInputError(
      `unknown strategy "${name}"${didYouMean(name, STRATEGY_NAMES)}; known strategies: ${STRATEGY_NAMES.join(', ')}`,
    );
  return info;
}

/** Check and complete a parameter object against a strategy's declared parameters. */
export function validateParameters(
  info: StrategyInfo,
  given: Readonly<Record<string, ParamValue>> = {},
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const known = new Set(info.parameters.map((p) => p.name));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      const list = info.parameters.length ? info.parameters.map((p) => p.name).join(', ') : 'none';
      throw new GameInputError(`${info.name}: unknown parameter "${key}" (parameters: ${list})`);
    }
  }
  for (const spec of info.parameters) {
    const raw = given[spec.name];
    if (raw === undefined) {
      if (spec.required)
        throw new GameInputError(
          `${info.name}: parameter "${spec.name}" is required (${spec.pattern_text ?? spec.description})`,
        );
      out[spec.name] = spec.default;
      continue;
    }
    const where = `${info.name}.${spec.name}`;
    if (spec.kind === 'string') {
      const v = String(raw);
      if (spec.choices && !spec.choices.includes(v))
        throw new GameInputError(`${where}: expected one of ${spec.choices.join(', ')}, got "${v}"`);
      if (spec.pattern && !spec.pattern.test(v))
        throw new GameInputError(
          `${where}: expected ${spec.pattern_text ?? spec.pattern.source}, got "${v}"`,
        );
      out[spec.name] = v;
      continue;
    }
    const x = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(x))
      throw new GameInputError(`${where}: expected a number, got ${JSON.stringify(raw)}`);
    if (spec.kind === 'integer' && !Number.isInteger(x))
      throw new GameInputError(`${where}: expected an integer, got ${x}`);
    if ((spec.min !== undefined && x < spec.min) || (spec.max !== undefined && x > spec.max))
      throw new GameInputError(`${where}: expected a value in [${spec.min}, ${spec.max}], got ${x}`);
    out[spec.name] = x;
  }
  return out;
}

/** A fresh strategy instance with validated parameters. */
export function createStrategy(name: string, params: Readonly<Record<string, ParamValue>> = {}): Strategy {
  const info = getStrategyInfo(name);
  return info.create(validateParameters(info, params));
}

/** A strategy choice as data: a registry name and its parameters. */
export interface StrategySpec {
  readonly name: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

/**
 * Parse "Name" or "Name(key=value, key=value)", e.g. `TACO(threshold=8, decay=0.2)` or
 * `Scripted(script=DDC, fallback=last)`. Values stay strings; `validateParameters` converts.
 */
export function parseStrategySpec(text: string): StrategySpec {
  const m = /^\s*([A-Za-z][\w -]*?)\s*(?:\((.*)\))?\s*$/.exec(text);
  if (!m) throw new GameInputError(`cannot read strategy "${text}": expected Name or Name(key=value, ...)`);
  const name = getStrategyInfo(m[1]).name;
  const params: Record<string, ParamValue> = {};
  if (m[2] !== undefined && m[2].trim() !== '') {
    for (const part of m[2].split(/[,;]/)) {
      const kv = /^\s*(\w+)\s*=\s*(.*?)\s*$/.exec(part);
      if (!kv)
        throw new GameInputError(`cannot read parameter "${part.trim()}" of ${name}: expected key=value`);
      params[kv[1]] = kv[2];
    }
  }
  const info = getStrategyInfo(name);
  return { name, params: validateParameters(info, params) };
}

/** Split a comma-separated player list, keeping commas inside parentheses. */
export function splitStrategyList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** Instantiate a spec. */
export function instantiate(spec: StrategySpec): Strategy {
  return createStrategy(spec.name, spec.params ?? {});
}

/** Human label: "TACO(threshold=8, decay=0.2)" or just the name when parameters are defaults. */
export function specLabel(spec: StrategySpec): string {
  const info = getStrategyInfo(spec.name);
  const parts: string[] = [];
  for (const p of info.parameters) {
    const v = spec.params?.[p.name];
    if (v !== undefined && (p.required || v !== p.default)) parts.push(`${p.name}=${v}`);
  }
  return parts.length ? `${info.name}(${parts.join(', ')})` : info.name;
}
