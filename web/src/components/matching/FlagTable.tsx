import { useState } from 'react';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMatchLabel, type Flag } from '../../api/matching';
import { useFormat } from '../../i18n/format';
import { matchingZhCN } from '../../i18n/matching.zh-CN';
import { EffectTag, FlagStatusTag } from './tags';
import { ReviewModal } from './ReviewModal';

interface Props {
  flags: Flag[];
  loading: boolean;
  canReview: boolean;
  mobile: boolean;
  pagination:
    | false
    | { current: number; pageSize: number; total: number; onChange: (page: number, size: number) => void };
}

const ATTRIBUTE_KEYS = matchingZhCN.matching.attr;
type AttributeKey = keyof typeof ATTRIBUTE_KEYS;

function RecordCell({ f }: { f: Flag }) {
  const { t } = useTranslation();
  const attrs = Object.entries(f.record.attributes);
  return (
    <Space orientation="vertical" size={0}>
      <span>
        {f.record.name} <Typography.Text type="secondary">{f.record.idNumber}</Typography.Text>
      </span>
      {f.idDiffPositions.length > 0 && (
        <Typography.Text type="warning">
          {t('matching.idDiff', { positions: f.idDiffPositions.join('、') })}
        </Typography.Text>
      )}
      {attrs.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {attrs
            .map(([k, v]) => `${k in ATTRIBUTE_KEYS ? t(`matching.attr.${k as AttributeKey}`) : k}: ${v}`)
            .join('；')}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[f.department, f.fileName].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Space>
  );
}

/** Flags with their household, the department's record, and confirm / dismiss for reviewers. */
export function FlagTable({ flags, loading, canReview, mobile, pagination }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useMatchLabel();
  const fmt = useFormat();
  const [reviewing, setReviewing] = useState<{ flag: Flag; decision: 'confirm' | 'dismiss' } | null>(null);
  const columns: TableColumnsType<Flag> = [
    {
      title: t('matching.household'),
      key: 'household',
      render: (_: unknown, f) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/households/${f.householdId}`}>
            {f.householdNo} {f.headName}
          </Link>
          <Typography.Text type="secondary">{f.villageName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('matching.member'),
      key: 'member',
      render: (_: unknown, f) => (
        <span>
          {f.memberName} <Typography.Text type="secondary">{f.memberIdNumber}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('matching.flagKind'),
      key: 'flag',
      render: (_: unknown, f) => (
        <Space size={4} wrap>
          <Tag>{label('match_list_kind', f.listKind)}</Tag>
          <span>{label('match_flag_kind', f.flagKind)}</span>
          <EffectTag effect={f.effect} />
          {f.matchType === 'fuzzy_name_birth' && <Tag color="purple">{label('match_type', f.matchType)}</Tag>}
        </Space>
      ),
    },
    ...(mobile
      ? []
      : [
          {
            title: t('matching.record'),
            key: 'record',
            render: (_: unknown, f: Flag) => <RecordCell f={f} />,
          },
        ]),
    {
      title: t('matching.status'),
      key: 'status',
      render: (_: unknown, f) => (
        <Space orientation="vertical" size={0}>
          <FlagStatusTag status={f.status} testId={`flag-status-${f.id}`} />
          {f.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.reviewerName} {fmt.dateTime(f.reviewedAt)}：{f.reason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(canReview
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, f: Flag) =>
              f.status === 'pending' && (
                <Space size={4}>
                  <Button
                    size="small"
                    danger
                    onClick={() => setReviewing({ flag: f, decision: 'confirm' })}
                    data-testid={`flag-confirm-${f.id}`}
                  >
                    {t('matching.confirm')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setReviewing({ flag: f, decision: 'dismiss' })}
                    data-testid={`flag-dismiss-${f.id}`}
                  >
                    {t('matching.dismiss')}
                  </Button>
                </Space>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<Flag>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={loading}
        dataSource={flags}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={
          pagination && {
            ...pagination,
            showSizeChanger: !mobile,
            size: mobile ? 'small' : 'medium',
            showTotal: (total) => t('common.total', { total }),
          }
        }
        onRow={(f) => ({ 'data-testid': `flag-row-${f.id}` }) as React.HTMLAttributes<HTMLElement>}
      />
      {reviewing && (
        <ReviewModal
          flag={reviewing.flag}
          decision={reviewing.decision}
          onClose={(saved) => {
            setReviewing(null);
            if (saved) void message.success(t('matching.reviewed'));
          }}
        />
      )}
    </>
  );
}
