import { useState } from 'react';
import { useApiCall } from '../api';
import { CredentialsForm, type Credentials } from '../components/CredentialsForm';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P22Signup() {
  const { result, loading, run } = useApiCall();
  const [displayName, setDisplayName] = useState('Ada');

  function signUp({ email, password }: Credentials) {
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
      <CredentialsForm submitLabel="Sign up" autoComplete="new-password" loading={loading} onSubmit={signUp}>
        <Field label="Display name" value={displayName} onChange={setDisplayName} />
      </CredentialsForm>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
