import { useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P26ProtectedRoute() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [displayName, setDisplayName] = useState('Ada L.');

  return (
    <>
      <p>
        <code>/p26/me</code> is the caller&apos;s own account, found from the token alone and read from the
        database on every request. Without a token it is <code>401 token-missing</code>; after{' '}
        <code>DELETE /p26/me</code> the same, still unexpired token is <code>401 token-invalid</code> (its user is
        gone).
      </p>
      <label>
        Access token
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p26/me', headers: bearer(token) })}>
        Get my account
      </button>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run({ method: 'PATCH', path: '/p26/me', headers: bearer(token), body: { display_name: displayName } });
        }}
      >
        <Field label="Display name" value={displayName} onChange={setDisplayName} />
        <button type="submit" disabled={loading}>
          Change display name
        </button>
      </form>
      <button
        type="button"
        disabled={loading}
        onClick={() => run({ method: 'DELETE', path: '/p26/me', headers: bearer(token) })}
      >
        Delete my account
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
