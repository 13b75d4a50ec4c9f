import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy* and waitFor wait up to 5 s instead of 1 s: on a busy 2-core machine (CI, or the
// benchmark running beside the tests) a screen that computes a report can take longer than a
// second to appear, which is slowness, not a failure.
configure({ asyncUtilTimeout: 5000 });
