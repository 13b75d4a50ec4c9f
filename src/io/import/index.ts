export { parseSrt, parseVtt } from './captions';
export { decodeText } from './decode';
export { importDocx } from './docx';
export { IMPORT_EXTENSIONS, importFile, type ImportedText, type ImportFailure } from './importFile';
export { PLACES_LISTED, type CaptionNote, type CueProblem, type DecodeNote, type FilePlace, type ImportWarning } from './warnings';
