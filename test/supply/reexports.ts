export { MrioInputError, prepareModel, solveLeontief, SolveError, systemOperator, relativeResidual } from '../../src/supply/index.ts';
import type { Csr } from '../../src/supply/index.ts';
/** Z[i][j] read straight from the CSR arrays (a linear scan, independent of csrGet). */
export function csrGetForTest(m: Csr, i: number, j: number): number {
  for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) if (m.colIdx[p] === j) return m.values[p];
  return 0;
}
