/** Turning the text of a form into request values. */

/** An integer typed in a field is sent as a JSON number; anything else as the text, for the server to refuse. */
export function integerOrText(text: string): number | string {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** `{collection}/{id}` for one item, or `{collection}?limit=…` for a list when the id is empty. */
export function itemOrListPath(collection: string, id: string, limit: string): string {
  return id.trim()
    ? `${collection}/${encodeURIComponent(id.trim())}`
    : `${collection}?limit=${encodeURIComponent(limit.trim())}`;
}
