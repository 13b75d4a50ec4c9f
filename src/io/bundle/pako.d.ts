/** The part of pako 1.0 (JSZip's deflate) that entry-compressor.ts and io/zip.ts use; pako ships no types. */
declare module 'pako' {
  export class Deflate {
    constructor(options: { raw?: boolean; level?: number });
    push(data: Uint8Array, mode: boolean): boolean;
    readonly result: Uint8Array;
    readonly err: number;
    readonly msg: string;
  }
  /** Streaming inflate: `onData` receives each output chunk as it is made (and may throw to stop). */
  export class Inflate {
    constructor(options: { raw?: boolean; chunkSize?: number });
    push(data: Uint8Array, mode: boolean): boolean;
    onData: (chunk: Uint8Array) => void;
    readonly ended: boolean;
    readonly err: number;
    readonly msg: string;
  }
  const pako: { readonly Deflate: typeof Deflate; readonly Inflate: typeof Inflate };
  export default pako;
}
