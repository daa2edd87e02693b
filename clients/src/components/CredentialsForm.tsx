import { useState, type FormEvent, type ReactNode } from 'react';
import { Field } from './Field';

export interface Credentials {
  email: string;
  password: string;
}

interface Props {
  /** The submit button's text, e.g. "Log in". */
  submitLabel: string;
  loading: boolean;
  onSubmit: (credentials: Credentials) => void;
  /** "new-password" on a signup form, so a password manager offers to create one. */
  autoComplete?: 'current-password' | 'new-password';
  /** Extra fields, shown after the password (a display name, a token lifetime). */
  children?: ReactNode;
}

/** The email + password form of the Level 3 pages (p22 signup, p23 login, p24/p27/p28 tokens). */
export function CredentialsForm({ submitLabel, loading, onSubmit, autoComplete = 'current-password', children }: Props) {
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ email, password });
  }

  return (
    <form onSubmit={submit}>
      <Field label="Email" type="email" value={email} onChange={setEmail} />
      <Field label="Password" type="password" autoComplete={autoComplete} value={password} onChange={setPassword} />
      {children}
      <button type="submit" disabled={loading}>
        {submitLabel}
      </button>
    </form>
  );
}
