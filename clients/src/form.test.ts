import { describe, expect, it } from 'vitest';
import { integerOrText, itemOrListPath } from './form';

describe('form values', () => {
  it('sends integers as numbers and anything else as the text', () => {
    expect(integerOrText(' 42 ')).toBe(42);
    expect(integerOrText('-1')).toBe(-1);
    expect(integerOrText('4.5')).toBe('4.5');
  });

  it('reads one item by its id, or lists when the id is empty', () => {
    expect(itemOrListPath('/p14/notes', ' 7 ', '20')).toBe('/p14/notes/7');
    expect(itemOrListPath('/p14/notes', 'a/b', '20')).toBe('/p14/notes/a%2Fb');
    expect(itemOrListPath('/p19/posts', '', ' 5')).toBe('/p19/posts?limit=5');
  });
});
