import { useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../api/codeLists';
import type { HouseholdFilters } from '../api/households';
import { RegionSearchSelect } from './RegionSearchSelect';

/** Filters of the household list: region, status, type, cause and text; on phones behind a toggle. */
export function HouseholdFilterBar({
  filters,
  mobile,
  update,
  onReset,
}: {
  filters: HouseholdFilters;
  mobile: boolean;
  update: (patch: Partial<HouseholdFilters>) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const statusOptions = useCodeOptions('household_status');
  const typeOptions = useCodeOptions('household_type');
  const causeOptions = useCodeOptions('poverty_cause');
  const [open, setOpen] = useState(false);
  const width = mobile ? '100%' : 180;
  const select = (
    key: 'status' | 'type' | 'cause',
    placeholder: string,
    options: { value: string; label: string }[],
  ) => (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={`filter-${key}`}
      aria-label={placeholder}
      placeholder={placeholder}
      style={{ width }}
      value={filters[key]}
      options={options}
      onChange={(v) => update({ [key]: v || undefined })}
    />
  );
  const search = (
    <TextSearch
      key={filters.q ?? ''}
      value={filters.q}
      width={mobile ? '100%' : 280}
      onSearch={(q) => update({ q })}
    />
  );
  const reset = (
    <Button onClick={onReset} data-testid="filter-reset">
      {t('common.reset')}
    </Button>
  );
  const pickers = (
    <>
      <div style={{ width: mobile ? '100%' : 280 }}>
        <RegionSearchSelect
          testId="filter-region"
          placeholder={t('region.pickPlaceholder')}
          onPick={(r) => update({ region: r.code })}
        />
      </div>
      {select('status', t('households.status'), statusOptions)}
      {select('type', t('households.type'), typeOptions)}
      {select('cause', t('households.cause'), causeOptions)}
    </>
  );
  if (!mobile) {
    return (
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        {pickers}
        {search}
        {reset}
      </Flex>
    );
  }
  // Phones: the text search, and the other filters behind a toggle.
  const active = [filters.status, filters.type, filters.cause].filter(Boolean).length;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {search}
      <Flex gap={8}>
        <Button
          icon={<FilterOutlined />}
          type={open ? 'primary' : 'default'}
          onClick={() => setOpen(!open)}
          data-testid="filter-toggle"
        >
          {active ? t('households.filtersActive', { count: active }) : t('households.filters')}
        </Button>
        {reset}
      </Flex>
      {open && pickers}
    </Flex>
  );
}

/** The text search box; keyed by the URL's `q`, so back/reset show the URL's text. */
function TextSearch({
  value,
  width,
  onSearch,
}: {
  value: string | undefined;
  width: number | string;
  onSearch: (q: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  return (
    <Input.Search
      allowClear
      data-testid="filter-q"
      maxLength={40}
      aria-label={t('households.q')}
      placeholder={t('households.q')}
      style={{ width }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v.trim() || undefined)}
    />
  );
}
