// A plain-JavaScript user of the installed package (test/package/pack.test.ts).
import { loadScenarioSync, tariffStack, ledger, simulate } from 'leverage';

const scn = loadScenarioSync('london-2025');
const stack = tariffStack(scn, { importer: 'US', exporter: 'CN', product: '4202.21', date: '2025-06-11' });
console.log(stack.total_pct, typeof ledger.tariffStack, typeof simulate.runMonteCarlo);
