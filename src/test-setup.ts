import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy* and waitFor wait up to 5 s instead of 1 s: on a busy 2-core machine (CI, or the
// benchmark running beside the tests) a screen that computes a report can take longer than a
// second to appear, which is slowness, not a failure.
configure({ asyncUtilTimeout: 5000 });
import fc from 'fast-check';

// Property tests run the same cases every time, so that a red CI means a change broke something;
// MARKEER_SOAK=<seed> explores other cases with more runs (npx vitest run, by hand).
fc.configureGlobal(process.env.MARKEER_SOAK ? { seed: Number(process.env.MARKEER_SOAK), numRuns: 1000 } : { seed: 20261123 });
