import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P22Signup() {
  const { result, loading, run } = useApiCall();
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('Ada');

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, string> = { email, password };
    if (displayName.trim()) body.display_name = displayName;
    run({ method: 'POST', path: '/p22/signup', body });
  }

  return (
    <>
      <p>
        <code>POST /p22/signup</code> creates a user with the role <code>user</code>, whatever the body says: a{' '}
        <code>role</code> field is a <code>422</code> (no mass assignment). The email is unique in any case (
        <code>ADA@example.com</code> again is a <code>409</code>), and passwords under 8 characters or on the
        common-passwords list (try <code>password123</code>) are refused. The answer never holds the password or
        its hash.
      </p>
      <form onSubmit={submit}>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Display name
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Sign up
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
