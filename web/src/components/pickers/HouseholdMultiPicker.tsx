import { useEffect, useState } from 'react';
import { Select, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHouseholds, type HouseholdListItem } from '../../api/households';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

type Shown = Pick<HouseholdListItem, 'id' | 'householdNo' | 'headName' | 'villageName'>;

interface Props {
  /** The input's id (a Form.Item's label points to it). */
  id?: string;
  /** The picked households' system ids (what the API takes). */
  value?: string[];
  onChange?: (ids: string[], households: Shown[]) => void;
  /** Narrow the search to a region (a village, a township; defaults to the user's scope). */
  region?: string;
  /** Households that cannot be picked again (already linked), shown greyed. */
  exclude?: ReadonlySet<string>;
  testId?: string;
}

/**
 * Several households at once (a product's or a project's 带动农户), each found by the head's name, the
 * 16-digit household number 户编号 or the beginning of an ID number, within the user's scope (or
 * `region`); the picked ones stay listed as tags and are counted under the control
 * (`<testId>-picked`). Nobody types an id.
 */
export function HouseholdMultiPicker({ id, value, onChange, region, exclude, testId }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [known, setKnown] = useState<Map<string, Shown>>(new Map());
  const q = useDebounced(text.trim(), 250);
  const search = useHouseholds({ q: q || undefined, region, page: 1, pageSize: 20 });
  const hits = q ? (search.data?.items ?? []) : [];
  const picked = value ?? [];
  const label = (h: Shown) =>
    t('pickers.household.option', { name: h.headName, no: h.householdNo, village: h.villageName });
  const options = [
    ...picked.map((hid) => {
      const h = known.get(hid);
      return { value: hid, label: h ? label(h) : hid };
    }),
    ...hits
      .filter((h) => !picked.includes(h.id))
      .map((h) => ({ value: h.id, label: label(h), disabled: exclude?.has(h.id) ?? false })),
  ];
  return (
    <>
      <Select<string[]>
        id={id}
        mode="multiple"
        data-testid={testId}
        style={{ width: '100%' }}
        value={picked}
        placeholder={t('pickers.household.placeholder')}
        suffixIcon={<SearchOutlined />}
        showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
        loading={search.isFetching}
        notFoundContent={q && !search.isFetching ? t('pickers.household.none') : null}
        options={options}
        onChange={(ids: string[]) => {
          const next = new Map(known);
          for (const h of hits) if (ids.includes(h.id)) next.set(h.id, h);
          setKnown(next);
          setText('');
          onChange?.(
            ids,
            ids.flatMap((x) => {
              const h = next.get(x);
              return h ? [h] : [];
            }),
          );
        }}
      />
      {picked.length > 0 && (
        <Typography.Text type="secondary" data-testid={testId && `${testId}-picked`}>
          {t('pickers.household.pickedMany', { n: picked.length })}
        </Typography.Text>
      )}
    </>
  );
}
