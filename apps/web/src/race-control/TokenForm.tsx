import { useState, type ReactNode } from 'react';

/** Asks for a token (kept by the caller, in this tab only); what the server made of it goes below. */
export function TokenForm({
  title,
  tokenName,
  hint,
  submit = 'Sign in',
  onToken,
  children,
}: {
  title: string;
  /** e.g. "race-control token": the field's label and placeholder. */
  tokenName: string;
  hint: string;
  /** The button's words: each form on a page has its own. */
  submit?: string;
  onToken(token: string): void;
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState('');
  return (
    <form
      className="rc-card rc-signin"
      aria-label={`${title} sign-in`}
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim()) onToken(typed.trim());
        setTyped('');
      }}
    >
      <h2>{title}</h2>
      <p className="muted">{hint}</p>
      <input
        type="password"
        aria-label={tokenName.charAt(0).toUpperCase() + tokenName.slice(1)}
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={tokenName}
      />
      <button type="submit" className="primary">
        {submit}
      </button>
      {children}
    </form>
  );
}
