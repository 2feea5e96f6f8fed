import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { resolveClass } from './classes';
import { useSelection } from './selection';

/** The class the screen shows (the link's class matched to the session's), and a class it does not have. */
export function useClassView(): { classId: string | undefined; unknown?: string } {
  const wanted = useSelection((s) => s.classId);
  const classes = useLive(useShallow((s) => s.copy?.view.classes ?? []));
  if (classes.length === 0) return { classId: undefined };
  return resolveClass(classes, wanted);
}
