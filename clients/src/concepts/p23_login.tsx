import { useApiCall } from '../api';
import { CredentialsForm, type Credentials } from '../components/CredentialsForm';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P23Login() {
  const { result, loading, run } = useApiCall();

  function logIn(credentials: Credentials) {
    run({ method: 'POST', path: '/p23/login', body: credentials });
  }

  return (
    <>
      <p>
        <code>POST /p23/login</code> checks an email and a password. A wrong password and an unknown email get the
        very same <code>401 invalid-credentials</code> (compare the bodies), and take the same time: the password
        hasher runs either way. After 5 failures for one email from your address within a minute, the next
        attempt is a <code>429</code> with <code>Retry-After</code>, even with the right password.
      </p>
      <CredentialsForm submitLabel="Log in" loading={loading} onSubmit={logIn} />
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
