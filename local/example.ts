/** The example workbook (examples/README.md) and the day its data is dated back from. */
import path from 'node:path';
import { REPO_ROOT } from './runtime.js';

/** `npm start` and `npm run preview` with no file score examples/leads.xlsx as of this day (the engine's EXAMPLE_AS_OF; a test checks they agree). */
export const EXAMPLE_AS_OF = '2026-11-20';
export const EXAMPLE_PATH = path.join(REPO_ROOT, 'examples', 'leads.xlsx');
