/** A what-if tariff layer as the editor sends it (POST /tariffs, /response, /api/runs). */
export interface Override {
  importer: string;
  exporter: string;
  authority: string;
  pct: number;
  from: string;
}
