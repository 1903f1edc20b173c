import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiResponse } from '../../api/generated/helpers';
import { useRegionChildren, useRegionPath, useRegionSearch, type RegionRow } from '../../api/regions';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

interface Node {
  /** the tree's simple mode links nodes by id and pId: both are division codes */
  id: string;
  value: string;
  title: string;
  pId?: string;
  isLeaf: boolean;
  selectable: boolean;
}

interface Props {
  /** The input's id (a Form.Item's label points to it). */
  id?: string;
  /** The picked region's division code (what the API takes). */
  value?: string;
  onChange?: (code: string, region: { code: string; name: string; path: string }) => void;
  /** Code lengths that may be picked (12: a village, 9: a township…); absent: every level. */
  lengths?: readonly number[];
  /** A filter's picker: cleared, it calls `onClear`. */
  onClear?: () => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}

/**
 * A region by tree and search (issue 20 item 3): the tree opens from the user's scope down to the
 * villages, one level loaded at a time (GET /api/regions?parent=); typing searches by name in the
 * scope (GET /api/regions/search) and lists the hits with their path. The value is the division code;
 * nobody types a code.
 */
export function RegionTreePicker({
  id,
  value,
  onChange,
  lengths,
  onClear,
  placeholder,
  style,
  testId,
}: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const root = useRegionChildren('');
  const [loaded, setLoaded] = useState<Map<string, RegionRow[]>>(new Map());
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useRegionSearch(q);
  const preset = useRegionPath(value ?? '');
  const [picked, setPicked] = useState<{ code: string; label: string } | null>(null);
  const pickable = (code: string) => !lengths || lengths.includes(code.length);

  const tree = useMemo(() => {
    const node = (r: RegionRow, pId?: string): Node => ({
      id: r.code,
      value: r.code,
      title: r.name,
      ...(pId ? { pId } : {}),
      isLeaf: !r.hasChildren || r.code.length >= 12,
      selectable: pickable(r.code),
    });
    const top = root.data;
    if (!top) return [];
    // a scope with children starts from them; a village's own scope is the one node
    const nodes: Node[] =
      top.items.length > 0
        ? top.items.map((r) => node(r))
        : top.parent.code
          ? [
              {
                id: top.parent.code,
                value: top.parent.code,
                title: top.parent.name,
                isLeaf: true,
                selectable: pickable(top.parent.code),
              },
            ]
          : [];
    for (const [parent, rows] of loaded) for (const r of rows) nodes.push(node(r, parent));
    return nodes;
    // pickable reads `lengths` only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root.data, loaded, lengths]);

  const hits: Node[] = q
    ? (search.data?.items ?? []).map((h) => ({
        id: h.code,
        value: h.code,
        title: h.path || h.name,
        isLeaf: true,
        selectable: pickable(h.code),
      }))
    : [];

  const label =
    value && picked?.code === value
      ? picked.label
      : value && preset.data
        ? preset.data.items.map((r) => r.name).join(' / ')
        : value;

  return (
    <TreeSelect<{ value: string; label: string } | undefined>
      id={id}
      data-testid={testId}
      style={{ width: '100%', ...style }}
      treeDataSimpleMode
      allowClear={!!onClear}
      treeData={q ? hits : tree}
      labelInValue
      value={value ? { value, label: label ?? value } : undefined}
      placeholder={placeholder ?? t('region.searchPlaceholder')}
      showSearch={{ searchValue: text, onSearch: setText, filterTreeNode: () => true }}
      loading={root.isLoading || search.isFetching}
      notFoundContent={q && !search.isFetching ? t('pickers.region.none') : null}
      loadData={async (n) => {
        const code = String(n.value);
        if (loaded.has(code)) return;
        const page = await qc.fetchQuery({
          queryKey: ['regions', 'children', code],
          queryFn: ({ signal }) =>
            api<ApiResponse<'/api/regions'>>('/api/regions', { query: { parent: code }, signal }),
        });
        setLoaded((m) => new Map(m).set(code, page.items));
      }}
      onChange={(v) => {
        if (!v) {
          setPicked(null);
          onClear?.();
          return;
        }
        const code = String(v.value);
        const hit = search.data?.items.find((h) => h.code === code);
        const name = hit?.name ?? String(v.label);
        const path = hit?.path || name;
        setPicked({ code, label: path });
        setText('');
        onChange?.(code, { code, name, path });
      }}
    />
  );
}
