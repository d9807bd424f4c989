// A flow file of any layout: which one it is, told by its header.
import { basename } from 'node:path';
import type { FlowTable } from '../../trade/index.ts';
import { parseComtradeCsv } from './comtrade.ts';
import { parseFlowCsv, type FlowReadOptions } from './generic.ts';
import { readText } from './grid.ts';

/** Read a flow file: Comtrade layouts are recognised by their header; anything else is the generic layout. */
export function readFlowFile(path: string, opts: FlowReadOptions = {}): FlowTable {
  const text = readText(path);
  const first = text.slice(0, 2000);
  if (/primaryValue|Trade Value \(US\$\)|TradeValueUS/.test(first))
    return parseComtradeCsv(text, basename(path));
  return parseFlowCsv(text, basename(path), opts);
}
