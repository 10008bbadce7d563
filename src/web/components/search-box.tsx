import { Input } from 'antd';
import type { SearchProps } from 'antd/es/input';
import { useState } from 'react';

/**
 * The search box of a list searched on the server: the text applies on Enter or the button (not on
 * every keystroke), and at once when cleared. `onSearch` gets the trimmed text.
 */
export function SearchBox({
  onSearch,
  ...props
}: { onSearch: (q: string) => void } & Omit<SearchProps, 'onSearch' | 'value' | 'onChange'>) {
  const [text, setText] = useState('');
  return (
    <Input.Search
      allowClear
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') onSearch('');
      }}
      onSearch={(v) => onSearch(v.trim())}
    />
  );
}
