export { exportQdc, exportQdpx, sourcePath } from './export';
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
