import { useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

/** The token of a reset link (`#/p34?token=...`), if the page was opened from one. */
function tokenFromLink(): string {
  const query = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('token') ?? '';
}

export default function P34PasswordReset() {
  const { result, loading, run } = useApiCall();
  const [email, setEmail] = useState('');
  const [token, setToken] = useState(tokenFromLink);
  const [password, setPassword] = useState('');

  return (
    <>
      <p>
        <code>POST /p34/password-reset</code> answers the same <code>202</code> whether or not the email has an
        account; for a real one the worker mails a single-use token (only its hash is stored, it expires in 30
        minutes, a newer one voids it). With <code>./run.sh</code> the email lands in <code>instance/mail/</code>.
        Paste its <code>Reset token</code> below: <code>204</code>, the new password works and every old session
        is revoked.
      </p>
      <Field label="Email" type="email" value={email} onChange={setEmail} />
      <button
        type="button"
        disabled={loading}
        onClick={() => run({ method: 'POST', path: '/p34/password-reset', body: { email } })}
      >
        Send a reset email
      </button>
      <Field label="Reset token" value={token} onChange={setToken} />
      <Field label="New password" type="password" value={password} onChange={setPassword} />
      <button
        type="button"
        disabled={loading}
        onClick={() =>
          run({ method: 'POST', path: '/p34/password-reset/confirm', body: { token, new_password: password } })
        }
      >
        Set the new password
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
