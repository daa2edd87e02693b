import { useEffect, useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P21PasswordHashing() {
  const { result, loading, run } = useApiCall();
  const [password, setPassword] = useState('correct horse battery staple');
  const [hash, setHash] = useState('');

  // The last hash fills the verify form, so "Verify" right after "Hash" answers valid: true.
  useEffect(() => {
    const body = result?.json as { hash?: unknown } | undefined;
    if (result?.status === 200 && typeof body?.hash === 'string') setHash(body.hash);
  }, [result]);

  function hashIt(event: FormEvent) {
    event.preventDefault();
    run({ method: 'POST', path: '/p21/hash', body: { password } });
  }

  return (
    <>
      <p>
        Passwords are stored as slow, salted <strong>argon2id</strong> hashes (19 MiB, 2 passes: OWASP&apos;s
        floor). <code>POST /p21/hash</code> twice with the same password gives two different hashes (a fresh salt
        each time); <code>POST /p21/verify</code> says whether a password matches and whether the hash should be
        upgraded (<code>needs_rehash</code>). Over 1,024 bytes is a <code>422</code>.
      </p>
      <form onSubmit={hashIt}>
        <Field label="Password" value={password} onChange={setPassword} />
        <button type="submit" disabled={loading}>
          Hash password
        </button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run({ method: 'POST', path: '/p21/verify', body: { password, hash } });
        }}
      >
        <Field label="Hash" value={hash} onChange={setHash} />
        <button type="submit" disabled={loading}>
          Verify password
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
