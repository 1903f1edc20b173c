import { useState } from 'react';
import { AutoComplete, Input } from 'antd';

interface Props {
  /** The value in the URL; the field restarts from it when it changes (pass it as `key` too). */
  value: string | undefined;
  suggestions: string[];
  placeholder: string;
  onCommit: (value: string | undefined) => void;
  testId?: string;
  width?: number | string;
}

/** A free-text filter with suggestions, applied on pick, Enter, blur or clear. */
export function FilterInput({ value, suggestions, placeholder, onCommit, testId, width = 200 }: Props) {
  const [text, setText] = useState(value ?? '');
  const commit = (v: string) => {
    const next = v.trim() || undefined;
    if (next !== value) onCommit(next);
  };
  return (
    <AutoComplete
      value={text}
      style={{ width }}
      options={suggestions.map((s) => ({ value: s }))}
      showSearch={{
        filterOption: (input, option) => String(option?.value ?? '').includes(input),
      }}
      onChange={(v: string) => {
        setText(v);
        if (v === '') commit('');
      }}
      onSelect={(v: string) => commit(v)}
    >
      <Input
        allowClear
        aria-label={placeholder}
        placeholder={placeholder}
        data-testid={testId}
        maxLength={40}
        onPressEnter={() => commit(text)}
        onBlur={() => commit(text)}
      />
    </AutoComplete>
  );
}
