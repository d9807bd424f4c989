// Response schemas of the supply routes: the input-output table.
import { z } from 'zod';

export const IoSectors = z.looseObject({
  regions: z.array(z.string()).describe('WIOD region codes (USA, DEU, ...)'),
  sectors: z.array(z.object({ code: z.string(), name: z.string() })).describe('WIOD industries (c1..c35)'),
  unit: z.string().describe("the table's unit, in words (USD millions, WIOD 2011, annual)"),
});
