import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P23Login() {
  const { result, loading, run } = useApiCall();
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ method: 'POST', path: '/p23/login', body: { email, password } });
  }

  return (
    <>
      <p>
        <code>POST /p23/login</code> checks an email and a password. A wrong password and an unknown email get the
        very same <code>401 invalid-credentials</code> (compare the bodies), and take the same time: the password
        hasher runs either way. After 5 failures for one email from your address within a minute, the next
        attempt is a <code>429</code> with <code>Retry-After</code>, even with the right password.
      </p>
      <form onSubmit={submit}>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Log in
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
