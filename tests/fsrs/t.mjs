import { readFileSync, writeFileSync } from 'node:fs';
import { computeParameters } from '@open-spaced-repetition/binding';
import { toItems } from './gen-optimizer-fixture.mjs';
