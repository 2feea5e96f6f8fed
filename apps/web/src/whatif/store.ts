import { create } from 'zustand';

/** A hypothetical move, kept in this browser only: never sent, never in the URL. */
export interface WhatIfMove {
  number: string;
  /** Place as the user gave it: overall, or in `classId` when given from a class view. */
  position: number;
  classId?: string;
}

export const useWhatIf = create<{ move: WhatIfMove | undefined; set(move: WhatIfMove): void; clear(): void }>()(
  (set) => ({
    move: undefined,
    set: (move) => set({ move }),
    clear: () => set({ move: undefined }),
  }),
);
