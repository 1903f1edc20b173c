import { Empty, Flex, List, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEASURE_STATUSES, type Measure, type MeasureStatus } from '../../api/plans';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';

const STATUS_COLOR: Record<MeasureStatus, string> = {
  planned: 'default',
  in_progress: 'processing',
  completed: 'success',
  cancelled: 'error',
};

interface Props {
  measures: Measure[];
  /** Editable measures show a status picker instead of the status tag. */
  canEdit: boolean;
  onChangeStatus: (measure: Measure, status: MeasureStatus) => void;
}

/** The plan's measures: name, batch, overdue flag, amount, funding, unit, deadline, outcome and status. */
export function MeasureList({ measures, canEdit, onChangeStatus }: Props) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const fmt = useFormat();
  return (
    <List
      size="small"
      bordered
      header={<Typography.Text strong>{t('plans.measures')}</Typography.Text>}
      locale={{ emptyText: <Empty description={t('plans.noMeasures')} /> }}
      dataSource={measures}
      renderItem={(m) => (
        <List.Item key={m.id} data-testid={`measure-${m.id}`} style={{ display: 'block' }}>
          <Flex wrap justify="space-between" gap={8}>
            <div style={{ minWidth: 0, flex: '1 1 220px' }}>
              <Typography.Text strong delete={m.status === 'cancelled'} style={{ overflowWrap: 'anywhere' }}>
                {lang === 'en' ? m.nameEn : m.nameZh}
              </Typography.Text>{' '}
              <Tag>{t(`plans.batch.${m.batch}`, { defaultValue: m.batch })}</Tag>
              {m.overdue && (
                <Tag color="red" data-testid={`measure-overdue-${m.id}`}>
                  {t('plans.overdue')}
                </Tag>
              )}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                  {t('plans.amount')} {fmt.money(m.amount)} · {m.fundingSource ?? '—'} ·{' '}
                  {m.responsibleUnit ?? '—'} · {t('plans.deadline')} {m.deadline ? fmt.date(m.deadline) : '—'}
                </Typography.Text>
              </div>
              {m.outcome && (
                <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                  {t('plans.outcome')}：{m.outcome}
                </div>
              )}
            </div>
            {canEdit && m.status !== 'cancelled' ? (
              <Select
                size="small"
                value={m.status}
                style={{ width: 110 }}
                aria-label={t('plans.changeStatus')}
                data-testid={`measure-status-${m.id}`}
                onChange={(s: MeasureStatus) => onChangeStatus(m, s)}
                options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`plans.measureStatus.${s}`) }))}
              />
            ) : (
              <Tag color={STATUS_COLOR[m.status]} data-testid={`measure-status-tag-${m.id}`}>
                {t(`plans.measureStatus.${m.status}`)}
              </Tag>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}
