import { useState } from 'react';
import { useLive } from '../live/store';
import { useClassView } from '../app/useClassView';
import { parseWhatIf } from './command';
import { useWhatIf } from './store';
import { useWhatIfChampionships } from './useWhatIf';

/** Type "#24 to P3" (or drag a row onto another): a hypothetical order for this screen only. */
export function WhatIfBar() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { classId } = useClassView();
  const set = useWhatIf((s) => s.set);
  const apply = () => {
    const parsed = parseWhatIf(text);
    if ('error' in parsed) return setError(parsed.error);
    const cars = useLive.getState().copy?.view.cars ?? {};
    const number = Object.keys(cars).find((n) => n.toLowerCase() === parsed.number.toLowerCase());
    if (!number) return setError(`there is no car #${parsed.number} in this race`);
    setError(undefined);
    set({ number, position: parsed.position, ...(classId ? { classId } : {}) });
  };
  return (
    <form
      className="what-if-bar"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <input
        aria-label="What if"
        placeholder={classId ? `What if… #24 to P3 in ${classId}` : 'What if… #24 to P3'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Try</button>
      {error && <span className="what-if-error">{error}</span>}
    </form>
  );
}

/** Every championship as it would stand after the hypothetical move, clearly not the live order. */
export function WhatIfPanel() {
  const move = useWhatIf((s) => s.move);
  const clear = useWhatIf((s) => s.clear);
  const result = useWhatIfChampionships();
  const live = useLive((s) => s.copy?.view.championships);
  if (!move) return null;
  return (
    <aside className="panel what-if" aria-label="Hypothetical championships" data-testid="what-if">
      <div className="what-if-head">
        <span className="what-if-tag">HYPOTHETICAL</span>
        <span>
          #{move.number} to {move.classId ? `${move.classId} ` : ''}P{move.position} · only on this screen
        </span>
        <button onClick={clear}>Clear what-if</button>
      </div>
      {result.state === 'loading' && <p className="notice">Scoring…</p>}
      {result.state === 'error' && <p className="notice">Cannot score this: {result.error}</p>}
      {result.state === 'ready' &&
        result.championships.map((championship) => {
          const lead = championship.champion ?? championship.championIfEndsNow ?? championship.order[0];
          return (
            <section key={championship.championshipId} className="what-if-championship">
              <h3>
                {championship.name}
                <span>
                  {championship.champion
                    ? 'champion'
                    : championship.championIfEndsNow
                      ? 'champion if it ends so'
                      : 'leader'}{' '}
                  <strong>{lead ? championship.rows[lead]?.name : ''}</strong>
                </span>
              </h3>
              <ol>
                {championship.order.slice(0, 6).map((competitor) => {
                  const row = championship.rows[competitor]!;
                  const now = live?.[championship.championshipId]?.rows[competitor]?.points;
                  const change = now === undefined ? 0 : row.points - now;
                  return (
                    <li key={competitor} data-competitor={competitor}>
                      <span className="pos">{row.position}</span>
                      <span className="name">{row.name}</span>
                      <span className="points">{row.points}</span>
                      <span className={`change ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`}>
                        {change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : ''}
                      </span>
                    </li>
                  );
                })}
              </ol>
            </section>
          );
        })}
    </aside>
  );
}
