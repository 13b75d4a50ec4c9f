export { exportQdc, exportQdpx, sourcePath } from './export';
export { codeNames, type CodebookOptions, type CodeNames } from './export-codes';
export { importRefi } from './import';
export {
  REFI_FAILURES,
  type ExportOptions,
  type PositionConvention,
  type QdpxExport,
  type RefiDocumentReport,
  type RefiFailure,
  type RefiImport,
  type RefiReport,
} from './types';
