export { MIGRATIONS, migrateBundle, type Migration } from './migrate';
export { parseBundle, type ParseOptions } from './parse';
export { serializeBundle, textPath, type SerializeOptions } from './serialize';
export {
  BUNDLE_FAILURES,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleFailure,
  type BundleKind,
  type BundleManifest,
  type ParsedBundle,
  type ProjectData,
} from './types';
