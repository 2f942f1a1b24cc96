// Regenerates schema/result.schema.json from the zod definitions in dist/schema.js (run after `build`).
import { writeFileSync } from 'node:fs';
import { resultJsonSchema } from '../dist/schema.js';

const target = new URL('../schema/result.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(resultJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
