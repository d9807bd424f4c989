// Response schemas of the game routes: strategies.
import { z } from 'zod';

const strategyParameter = z.object({
  name: z.string(),
  kind: z.enum(['number', 'integer', 'string']),
  description: z.string(),
  default: z.union([z.number(), z.string()]),
  min: z.number().optional().describe('inclusive'),
  max: z.number().optional().describe('inclusive'),
  choices: z.array(z.string()).optional(),
  pattern: z
    .string()
    .optional()
    .describe('whole-string regular expression (JavaScript syntax) a free-string value must match'),
  patternText: z.string().optional(),
  required: z.boolean().optional().describe('no default: the caller must give it'),
});

export const Strategies = z.looseObject({
  strategies: z.array(
    z.object({
      name: z.string(),
      axelrod: z.string().nullable().describe('the Axelrod-Python class it reproduces'),
      description: z.string(),
      stochastic: z.boolean(),
      parameters: z.array(strategyParameter),
    }),
  ),
});
