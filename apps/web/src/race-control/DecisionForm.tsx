import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Decision, DecisionKind } from '@pitwall/shared';
import { useLive } from '../live/store';
import { refusal, useCredential, useRaceControlActions } from './api';

const KINDS: { kind: DecisionKind; label: string }[] = [
  { kind: 'time-penalty', label: 'Time penalty (+ s)' },
  { kind: 'lap-penalty', label: 'Lap penalty (− laps)' },
  { kind: 'drop-positions', label: 'Drop positions in class' },
  { kind: 'back-of-class', label: 'Back of class' },
  { kind: 'exclusion', label: 'Exclusion' },
  { kind: 'correction', label: 'Correction of timing data' },
  { kind: 'points-adjustment', label: 'Points adjustment' },
];

/** What the official typed, as text: empty optional fields are left out of the decision. */
interface Fields {
  car: string;
  amount: string;
  laps: string;
  classId: string;
  driver: string;
  number: string;
  championship: string;
  competitor: string;
}

const EMPTY: Fields = {
  car: '',
  amount: '',
  laps: '',
  classId: '',
  driver: '',
  number: '',
  championship: '',
  competitor: '',
};

/** Text to number as typed; the server's schema says what is wrong with it ("Expected number"). */
const numeric = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function decisionOf(kind: DecisionKind, f: Fields): Decision {
  switch (kind) {
    case 'time-penalty':
      return { kind, car: f.car, seconds: numeric(f.amount) };
    case 'lap-penalty':
      return { kind, car: f.car, laps: numeric(f.amount) };
    case 'drop-positions':
      return { kind, car: f.car, positions: numeric(f.amount) };
    case 'back-of-class':
    case 'exclusion':
      return { kind, car: f.car };
    case 'correction':
      return {
        kind,
        car: f.car,
        ...(f.laps.trim() && { laps: numeric(f.laps) }),
        ...(f.classId && { classId: f.classId }),
        ...(f.driver.trim() && { driver: f.driver.trim() }),
        ...(f.number.trim() && { number: f.number.trim() }),
      };
    case 'points-adjustment':
      return { kind, championship: f.championship, competitor: f.competitor.trim(), points: numeric(f.amount) };
  }
}

const AMOUNT_LABEL: Partial<Record<DecisionKind, string>> = {
  'time-penalty': 'Seconds added',
  'lap-penalty': 'Laps taken',
  'drop-positions': 'Places down',
  'points-adjustment': 'Points (+ or −)',
};

/** One decision on one car (or one competitor's points), with the reason and who took it. */
export function DecisionForm({ sessionId }: { sessionId: string }) {
  // Decisions are taken on the live order, whatever this viewer's delay or seek shows.
  const view = useLive((s) => s.live?.view);
  const order = view?.order ?? [];
  const classes = useLive(useShallow((s) => (s.live?.view.classes ?? []).map((c) => c.id)));
  const championships = useLive(useShallow((s) => Object.keys(s.live?.view.championships ?? {})));
  const author = useCredential((s) => s.author);
  const rememberAuthor = useCredential((s) => s.rememberAuthor);
  const { decide } = useRaceControlActions(sessionId);
  const [kind, setKind] = useState<DecisionKind>('time-penalty');
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [reason, setReason] = useState('');
  const field = (name: keyof Fields) => ({
    value: fields[name],
    onChange: (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate(
      { author, reason, decision: decisionOf(kind, fields) },
      {
        onSuccess: () => {
          setFields({ ...EMPTY, car: fields.car });
          setReason('');
        },
      },
    );
  };
  const onCar = kind !== 'points-adjustment';
  const amount = AMOUNT_LABEL[kind];
  const error = refusal(decide.error);
  return (
    <form className="rc-card decision-form" onSubmit={submit} aria-label="New decision">
      <h2>New decision</h2>
      <label>
        Decision
        <select aria-label="Decision" value={kind} onChange={(e) => setKind(e.target.value as DecisionKind)}>
          {KINDS.map(({ kind: k, label }) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {onCar && (
        <label>
          Car
          <select aria-label="Car" {...field('car')}>
            <option value="">Choose a car…</option>
            {order.map((number) => (
              <option key={number} value={number}>
                #{number} · {view?.cars[number]?.classId} · {view?.cars[number]?.driver}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'points-adjustment' && (
        <>
          <label>
            Championship
            {championships.length > 0 ? (
              <select aria-label="Championship" {...field('championship')}>
                <option value="">Choose…</option>
                {championships.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            ) : (
              <input aria-label="Championship" {...field('championship')} placeholder="championship id" />
            )}
          </label>
          <label>
            Competitor
            <input aria-label="Competitor" {...field('competitor')} placeholder="driver, car number or entrant" />
          </label>
        </>
      )}
      {amount && (
        <label>
          {amount}
          <input aria-label={amount} inputMode="decimal" {...field('amount')} />
        </label>
      )}
      {kind === 'correction' && (
        <div className="correction-fields">
          <label>
            Laps
            <input aria-label="Corrected laps" inputMode="numeric" {...field('laps')} />
          </label>
          <label>
            Class
            <select aria-label="Corrected class" {...field('classId')}>
              <option value="">unchanged</option>
              {classes.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label>
            Driver
            <input aria-label="Corrected driver" {...field('driver')} />
          </label>
          <label>
            Number
            <input aria-label="Corrected number" {...field('number')} />
          </label>
        </div>
      )}
      <label className="wide">
        Reason
        <input
          aria-label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. Avoidable contact, turn 1, lap 12"
        />
      </label>
      <label>
        Official
        <input
          aria-label="Official"
          value={author}
          onChange={(e) => rememberAuthor(e.target.value)}
          placeholder="your name"
        />
      </label>
      <button type="submit" className="primary" disabled={decide.isPending}>
        {decide.isPending ? 'Applying…' : 'Apply decision'}
      </button>
      {error && (
        <p className="rc-error" role="alert">
          {error}
        </p>
      )}
      {decide.isSuccess && !decide.isPending && (
        <p className="rc-ok" role="status">
          Decision {decide.data.entry.id} applied: {decide.data.entry.changes.length}{' '}
          {decide.data.entry.changes.length === 1 ? 'car' : 'cars'} moved.
        </p>
      )}
    </form>
  );
}
