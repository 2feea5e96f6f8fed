import { create } from 'zustand';

/** The car whose panel (details and lap times) is open, if any. */
export const useCarPanel = create<{ car: string | undefined; open(car: string): void; close(): void }>()((set) => ({
  car: undefined,
  open: (car) => set({ car }),
  close: () => set({ car: undefined }),
}));
