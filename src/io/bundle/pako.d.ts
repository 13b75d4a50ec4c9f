/** The part of pako 1.0 (JSZip's deflate) that entry-compressor.ts uses; pako ships no types. */
declare module 'pako' {
  export class Deflate {
    constructor(options: { raw?: boolean; level?: number });
    push(data: Uint8Array, mode: boolean): boolean;
    readonly result: Uint8Array;
    readonly err: number;
    readonly msg: string;
  }
}
