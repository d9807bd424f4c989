// Response shapes the negotiation sub-panels read: stored runs (GET /api/runs) and one run's story.
export interface RunRow {
  id: string;
  scenario: string;
  status: string;
  progress: number;
  created_at: string;
  error: string | null;
  params: Record<string, unknown>;
}

// One run's story, as GET /api/scenarios/:id/story returns it (computed in src/simulate/story.ts).
export type { Story } from '../../../../src/simulate/index.ts';
