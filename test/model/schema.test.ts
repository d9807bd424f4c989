import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../../src/model/index.ts';

test('scenario.schema.json (what the built-in scenario points editors to) is the current schema', () => {
  const committed = JSON.parse(readFileSync(new URL('../../scenario.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(
    committed,
    scenarioJsonSchema(),
    'regenerate it with: npx leverage schema --out scenario.schema.json',
  );
});

test('the JSON Schema is strict and covers every measure kind', () => {
  const s = scenarioJsonSchema() as { additionalProperties?: boolean; properties: Record<string, unknown> };
  assert.equal(s.additionalProperties, false);
  const kinds = JSON.stringify(s.properties.measures);
  for (const k of [
    'tariff',
    'tariff_exemption',
    'export_control',
    'licensing',
    'controlled_substance',
    'entity_listing',
  ])
    assert.ok(kinds.includes(`"${k}"`), `measure kind ${k} missing from the schema`);
});
