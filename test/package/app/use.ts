// A TypeScript user of the installed package: typechecked against the shipped declarations.
import { loadScenarioSync, tariffStack, ledger, type Scenario, type TariffStack } from 'leverage';

const scn: Scenario = loadScenarioSync('london-2025');
const stack: TariffStack = tariffStack(scn, {
  importer: 'US',
  exporter: 'CN',
  product: '4202.21',
  date: '2025-06-11',
});
const pct: number = stack.total_pct;
const same: typeof tariffStack = ledger.tariffStack;
export { pct, same };
