import { z } from 'zod';

/**
 * `parameters.simulation`: the weekly negotiation loop (moves, objectives, uncertain parameters,
 * strategies). Placeholder until the simulation defines its schema.
 */
export const SimulationParametersSchema = z.unknown();
