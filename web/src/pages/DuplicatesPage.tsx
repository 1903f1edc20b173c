import { Alert, Badge, Button, Empty, Flex, Pagination, Spin, Tabs } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { DUPLICATE_KINDS, useDuplicates, type DuplicateKind } from '../api/duplicates';
import { useCodeLists } from '../api/codeLists';
import { useLang } from '../i18n';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { DuplicateGroupCard } from '../components/duplicates/DuplicateGroupCard';

const PAGE_SIZE = 10;

function useKindLabel() {
  const { data } = useCodeLists();
  const lang = useLang();
  return (k: DuplicateKind) => {
    const e = data?.duplicate_kind?.find((x) => x.code === k);
    return e ? (lang === 'en' ? e.en : e.zh) : k;
  };
}

/** 重复检测: `/duplicates?kind&region&page` — three kinds, each with dismiss, merge or move-out. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const kindLabel = useKindLabel();
  const [params, setParams] = useSearchParams();
  const kind = DUPLICATE_KINDS.find((k) => k === params.get('kind')) ?? 'same_id';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unmask = params.get('unmask') === 'true' && user.canUnmask;
  const region = params.get('region') || undefined;
  const list = useDuplicates({ kind, region, unmask, page, pageSize: PAGE_SIZE });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const canResolve = user.permissions.reviewMatches;
  const groups = list.data?.items ?? [];
  const body = list.isError ? (
    <ErrorResult error={list.error} subject="region" onRetry={() => void list.refetch()} />
  ) : (
    <Spin spinning={list.isFetching}>
      <Flex vertical gap={12} style={{ minHeight: 80 }}>
        {groups.length === 0 && !list.isFetching && <Empty description={t('duplicates.empty')} />}
        {groups.map((g) => (
          <DuplicateGroupCard key={`${g.kind}:${g.key}`} group={g} canResolve={canResolve} />
        ))}
        {(list.data?.total ?? 0) > PAGE_SIZE && (
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            onChange={(p) => set({ page: String(p) })}
            showSizeChanger={false}
          />
        )}
      </Flex>
    </Spin>
  );
  return (
    <div data-testid="duplicates-page">
      <PageHeader
        title={t('duplicates.title')}
        subtitle={t('duplicates.subtitle')}
        extra={
          user.canUnmask &&
          (unmask ? (
            <Button icon={<EyeInvisibleOutlined />} onClick={() => set({ unmask: undefined })}>
              {t('duplicates.hideFull')}
            </Button>
          ) : (
            <Button
              danger
              icon={<EyeOutlined />}
              onClick={() => set({ unmask: 'true' })}
              data-testid="dup-unmask"
            >
              {t('duplicates.showFull')}
            </Button>
          ))
        }
      />
      {user.canUnmask && !unmask && (
        <Alert type="info" showIcon title={t('duplicates.unmaskNotice')} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        activeKey={kind}
        onChange={(k) => set({ kind: k, page: undefined })}
        items={DUPLICATE_KINDS.map((k) => ({
          key: k,
          label: (
            <span data-testid={`dup-tab-${k}`}>
              {kindLabel(k)}{' '}
              <Badge count={list.data?.counts[k] ?? 0} showZero color={k === kind ? 'blue' : 'gray'} />
            </span>
          ),
          children: k === kind ? body : null,
        }))}
      />
    </div>
  );
}
