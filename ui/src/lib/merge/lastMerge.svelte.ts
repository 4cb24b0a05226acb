// The merge just made, kept while the user looks at the merged card and comes back to undo it.
import type { MergeOutcome } from "../api";

export const lastMerge = $state<{ outcome: MergeOutcome | null }>({ outcome: null });
