import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P30Roles() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('admin');

  function changeRole(event: FormEvent) {
    event.preventDefault();
    run({
      method: 'PATCH',
      path: `/p30/admin/users/${encodeURIComponent(userId.trim())}/role`,
      headers: bearer(token),
      body: { role },
    });
  }

  return (
    <>
      <p>
        The admin page. <code>GET /p30/admin/users</code> and <code>PATCH /p30/admin/users/{'{id}'}/role</code>{' '}
        answer <code>401</code> without a token and <code>403 forbidden</code> to a user. The role is read from the
        database on every request, so a demotion applies at once, even to a token that says{' '}
        <code>&quot;role&quot;: &quot;admin&quot;</code>; the last admin cannot be demoted (<code>409</code>). Log
        in as the admin on the p24 page first.
      </p>
      <label>
        Access token
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p30/admin/users', headers: bearer(token) })}>
        List users
      </button>
      <form onSubmit={changeRole}>
        <Field label="User id" inputMode="numeric" value={userId} onChange={setUserId} />
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="admin">admin</option>
            <option value="user">user</option>
          </select>
        </label>
        <button type="submit" disabled={loading}>
          Change role
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
