import { createContext, useContext } from 'react';
import { EVERYONE, type CoderLens } from '../../domain/lens';
import type { Guid } from '../../domain/model';

/** Whose coding the project's views show (domain/lens.ts), chosen in the header. */
export interface LensValue {
  readonly lens: CoderLens;
  /** The coders the lens shows; null = everyone. */
  readonly shown: ReadonlySet<Guid> | null;
  /** Chooses another lens; it is remembered for the project in this browser. */
  setLens(lens: CoderLens): void;
}

/** Outside a project screen (and in tests that do not set one) every coder's work shows. */
export const LensContext = createContext<LensValue>({ lens: EVERYONE, shown: null, setLens: () => undefined });

export const useLens = (): LensValue => useContext(LensContext);
