import { useEffect, useState } from 'react';

/** The current hash route without "#/": "" for the index, "p01" for "#/p01". */
export function currentRoute(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

/** A tiny hash router: re-renders when the hash changes. */
export function useHashRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
