import { useEffect, useState } from 'react';
import { Select, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHousehold, useHouseholds, type HouseholdListItem } from '../../api/households';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** What the picker names of a household. */
type Shown = Pick<HouseholdListItem, 'id' | 'householdNo' | 'headName' | 'villageName'>;

interface Props {
  /** The input's id (a Form.Item's label points to it). */
  id?: string;
  /** The picked household's system id (what the API takes). */
  value?: string;
  onChange?: (id: string, household: HouseholdListItem) => void;
  /** Narrow the search to a region (defaults to the user's scope). */
  region?: string;
  testId?: string;
}

/**
 * A form control whose value is a household's system id, found by the head's name, the 16-digit
 * household number 户编号 or the beginning of an ID number (the household list's search, within the
 * user's scope). The picked household is named under it (`<testId>-picked`); nobody types an id.
 */
export function HouseholdPicker({ id, value, onChange, region, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Shown | null>(null);
  const q = useDebounced(text.trim(), 250);
  const search = useHouseholds({ q: q || undefined, region, page: 1, pageSize: 20 });
  const hits = q ? (search.data?.items ?? []) : [];
  // a value given from outside (a link with ?household=ID): named from the household's record
  const preset = useHousehold(value ?? '', false, !!value && picked?.id !== value);
  const known = preset.data?.household;
  const shown: Shown | null =
    value && picked?.id === value
      ? picked
      : value && known?.id === value
        ? {
            id: known.id,
            householdNo: known.householdNo,
            headName: known.headName ?? '',
            villageName: preset.data?.path.at(-1)?.name ?? '',
          }
        : null;
  return (
    <>
      <Select<string>
        id={id}
        data-testid={testId}
        style={{ width: '100%' }}
        value={shown ? shown.id : null}
        placeholder={t('pickers.household.placeholder')}
        prefix={<SearchOutlined />}
        showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
        loading={search.isFetching}
        notFoundContent={q && !search.isFetching ? t('pickers.household.none') : null}
        options={[...(shown && !hits.some((h) => h.id === shown.id) ? [shown] : []), ...hits].map((h) => ({
          value: h.id,
          label: t('pickers.household.option', {
            name: h.headName,
            no: h.householdNo,
            village: h.villageName,
          }),
        }))}
        onSelect={(hid: string) => {
          const hit = hits.find((h) => h.id === hid);
          setText('');
          if (!hit) return;
          setPicked(hit);
          onChange?.(hit.id, hit);
        }}
      />
      {shown && (
        <Typography.Text type="secondary" data-testid={testId && `${testId}-picked`}>
          {t('pickers.household.picked', { name: shown.headName, no: shown.householdNo })}
        </Typography.Text>
      )}
    </>
  );
}
