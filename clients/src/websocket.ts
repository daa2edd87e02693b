/** WebSocket helpers for the Level 5 pages (p45, p46): the ws:// URL of an API path. */

/** `ws://host/path` for an API base ("" = this page's origin; http(s)://… otherwise). */
export function wsUrl(base: string, path: string): string {
  const origin = base === '' ? window.location.origin : base;
  const url = new URL(path, origin.endsWith('/') ? origin : `${origin}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${new URL(origin).pathname.replace(/\/+$/, '')}${path}`;
  return url.toString();
}

/** One line of a WebSocket conversation, as the pages show it. */
export interface Frame {
  direction: 'sent' | 'received' | 'event';
  text: string;
}
