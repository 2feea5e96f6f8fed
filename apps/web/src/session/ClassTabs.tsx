import { useShallow } from 'zustand/react/shallow';
import { useLive } from '../live/store';
import { useSelection } from '../app/selection';
import { classColour } from '../app/format';
import { useClassView } from '../app/useClassView';

export function ClassTabs() {
  const classes = useLive(useShallow((s) => s.copy?.view.classes ?? []));
  const { classId } = useClassView();
  const select = useSelection((s) => s.select);
  if (classes.length === 0) return null;
  const tabs = [{ id: undefined, name: 'Overall' }, ...classes];
  return (
    <nav className="class-tabs" role="tablist" aria-label="Class">
      {tabs.map((tab) => (
        <button
          key={tab.id ?? 'overall'}
          role="tab"
          aria-selected={tab.id === classId}
          className="class-tab"
          style={tab.id ? { borderBottomColor: classColour(classes, tab.id) } : undefined}
          onClick={() => select({ classId: tab.id })}
        >
          {tab.name}
        </button>
      ))}
    </nav>
  );
}
