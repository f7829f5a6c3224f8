/** The tracking contract other features import (the actions, the tree); it lives in core/types.ts. */
export type { DeletedItem, DeleteWhat, TrackedWork, WorkFinished, WorkOutcome, WorkTarget } from './core/types';
export { sameTarget, targetKey, targetOf } from './core/types';
