import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

const EMPTY = { category: '', min_price: '', max_price: '', q: '', sort: 'price' };
type Params = typeof EMPTY;

/** "/p04/products?..." with only the non-empty parameters. */
export function productsPath(params: Params): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value.trim() !== ''));
  const text = query.toString();
  return text ? `/p04/products?${text}` : '/p04/products';
}

export default function P04QueryParams() {
  const { result, loading, run } = useApiCall();
  const [params, setParams] = useState<Params>(EMPTY);
  const set = (name: keyof Params) => (e: { target: { value: string } }) =>
    setParams({ ...params, [name]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: productsPath(params) });
  }

  return (
    <>
      <p>
        Query parameters filter and sort a collection. This page calls <code>GET /p04/products</code> with only the
        fields you fill in; the server parses each parameter from text and answers{' '}
        <code>{'{"items", "count"}'}</code>, or <code>422</code> naming each bad parameter (try{' '}
        <code>min_price=abc</code>, or a minimum above the maximum).
      </p>
      <form onSubmit={submit} className="grid">
        <label>
          Category
          <select value={params.category} onChange={set('category')}>
            <option value="">(any)</option>
            <option value="books">books</option>
            <option value="electronics">electronics</option>
            <option value="garden">garden</option>
          </select>
        </label>
        <label>
          Min price
          <input value={params.min_price} onChange={set('min_price')} />
        </label>
        <label>
          Max price
          <input value={params.max_price} onChange={set('max_price')} />
        </label>
        <label>
          Text search (q)
          <input value={params.q} onChange={set('q')} />
        </label>
        <label>
          Sort
          <select value={params.sort} onChange={set('sort')}>
            <option value="price">price</option>
            <option value="-price">-price</option>
            <option value="name">name</option>
          </select>
        </label>
        <button type="submit" disabled={loading}>
          Search products
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
