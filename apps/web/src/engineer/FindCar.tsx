import { useState } from 'react';
import { useLive } from '../live/store';
import { useCarPanel } from './car-panel-store';

/** Finds a car by its number: opens its panel and brings its row into view. */
export function FindCar() {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const open = useCarPanel((s) => s.open);
  const find = () => {
    const number = text.trim().replace(/^#/, '');
    if (!number) return;
    const cars = useLive.getState().copy?.view.cars ?? {};
    const found = Object.keys(cars).find((n) => n.toLowerCase() === number.toLowerCase());
    if (!found) return setMissing(number);
    setMissing(undefined);
    open(found);
    const row = document.querySelector(`.tower-row[data-car="${CSS.escape(found)}"]`);
    row?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    row?.classList.add('found');
    setTimeout(() => row?.classList.remove('found'), 2_000);
  };
  return (
    <form
      className="find-car"
      onSubmit={(event) => {
        event.preventDefault();
        find();
      }}
    >
      <input
        aria-label="Find car by number"
        placeholder="Find #"
        value={text}
        inputMode="numeric"
        onChange={(e) => setText(e.target.value)}
      />
      {missing && <span className="find-missing">No car #{missing} in this session</span>}
    </form>
  );
}
