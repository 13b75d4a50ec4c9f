/**
 * The platform globals domain code uses, as far as it uses them. Browsers and Node (20 and later,
 * see `engines` in package.json) both provide them, so domain code may call them in either place.
 *
 * Only src/domain/tsconfig.json reads this file: it type-checks domain code without the DOM
 * library and without @types/node, so that any other platform API a domain file reaches for
 * (`document`, `Buffer`, `process`, `setTimeout`, `structuredClone`, ...) is a type error. The root
 * tsconfig.json leaves this file out, because there the DOM library and @types/node declare the
 * same globals in full. Add to it only what both platforms have.
 */

/** Web Crypto (`globalThis.crypto`): random GUIDs and SHA-256. */
interface Crypto {
  randomUUID(): string;
  readonly subtle: SubtleCrypto;
}

interface SubtleCrypto {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/** UTF-8 encoding of a string. */
interface TextEncoder {
  encode(input?: string): Uint8Array;
}

/* eslint-disable no-var -- only a var is a property of globalThis (`globalThis.crypto` in ids.ts) */
declare var crypto: Crypto;
declare var TextEncoder: { new (): TextEncoder; readonly prototype: TextEncoder };
/* eslint-enable no-var */
