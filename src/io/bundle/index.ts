export { MIGRATIONS, migrateBundle, type Migration } from './migrate';
export { parseBundle, type ParseOptions } from './parse';
export {
  bundleEntries,
  entryBytes,
  manifestEntry,
  PROJECT_JSON,
  projectJson,
  serializeBundle,
  textFile,
  textPath,
  textsInDocumentOrder,
  zipEntries,
  ZIP_OPTIONS,
  type BundleEntry,
  type SerializeOptions,
  type TextFile,
} from './serialize';
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
