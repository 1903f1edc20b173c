import { useEffect, useState } from 'react';
import { Select, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useRegionSearch, type RegionSearchHit } from '../api/regions';
import { RegionTreePicker } from './pickers/RegionTreePicker';

interface Props {
  /** The input's id (a Form.Item's label points to it). */
  id?: string;
  onPick: (region: RegionSearchHit) => void;
  placeholder?: string;
  testId?: string;
  style?: React.CSSProperties;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** Find a region within the user's scope by name (server-side search). */
export function RegionSearchSelect({ id, onPick, placeholder, testId, style }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  const { data, isFetching } = useRegionSearch(q);
  const hits = q.trim() ? (data?.items ?? []) : [];
  return (
    <Select<string>
      id={id}
      data-testid={testId}
      style={{ minWidth: 0, width: '100%', ...style }}
      value={null}
      placeholder={placeholder ?? t('region.searchPlaceholder')}
      prefix={<SearchOutlined />}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={isFetching}
      notFoundContent={null}
      options={hits.map((h) => ({ value: h.code, label: h.path || h.name }))}
      onSelect={(code: string) => {
        const hit = hits.find((h) => h.code === code);
        setText('');
        if (hit) onPick(hit);
      }}
    />
  );
}

/**
 * A form control whose value is a region code, picked by tree and search (pickers/RegionTreePicker: the
 * tree opens level by level from the user's scope, typing searches by name); the picked region's path is
 * shown under it (`<testId>-picked`). Put it in a named Form.Item so that "required" is checked before
 * anything is sent. `lengths`: the levels that may be picked (12 a village, 9 a township).
 */
export function RegionPickField({
  id,
  value,
  onChange,
  testId,
  lengths,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  testId?: string;
  lengths?: readonly number[];
}) {
  const [picked, setPicked] = useState<{ code: string; path: string } | null>(null);
  return (
    <>
      <RegionTreePicker
        id={id}
        testId={testId}
        value={value}
        lengths={lengths}
        onChange={(code, region) => {
          setPicked({ code, path: region.path });
          onChange?.(code);
        }}
      />
      {value && picked?.code === value && (
        <Typography.Text type="secondary" data-testid={testId && `${testId}-picked`}>
          {picked.path}
        </Typography.Text>
      )}
    </>
  );
}
