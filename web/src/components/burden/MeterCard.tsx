import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEVELS, type Meter } from '../../api/burden';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';

/** Asked versus derived: fields the grassroots fill in a year, by form and level, against the figures and reports derived from them. */
export function MeterCard({ meter, loading }: { meter: Meter | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const fmt = useFormat();
  return (
    <Card
      title={`${t('burden.askedTitle')} / ${t('burden.derivedTitle')}`}
      size="small"
      loading={loading}
      style={{ marginBottom: 16 }}
    >
      {meter && (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Statistic
                title={t('burden.grassroots')}
                value={meter.grassrootsFields}
                data-testid="burden-asked"
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('burden.figures')}
                value={meter.derived.figures}
                data-testid="burden-derived"
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('burden.ratio', { n: '' }).trim()}
                value={meter.derivedPerField === null ? '—' : fmt.number(meter.derivedPerField, 1)}
              />
            </Col>
          </Row>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={meter.forms}
            data-testid="burden-forms"
            columns={[
              { title: t('burden.form'), render: (_: unknown, f) => (en ? f.en : f.zh) },
              { title: t('burden.perFilling'), dataIndex: 'fieldsPerFilling' },
              ...LEVELS.filter((l) => l !== 'system').map((l) => ({
                title: t(`burden.level.${l}`),
                key: l,
                render: (_: unknown, f: Meter['forms'][number]) => fmt.number(f.byLevel[l]),
              })),
              { title: t('burden.fields'), dataIndex: 'fields', render: (n: number) => fmt.number(n) },
            ]}
          />
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={meter.derived.reports}
            columns={[
              { title: t('burden.report'), render: (_: unknown, r) => (en ? r.en : r.zh) },
              { title: t('burden.generated'), dataIndex: 'generated' },
              { title: t('burden.cells'), dataIndex: 'cells', render: (n: number) => fmt.number(n) },
            ]}
          />
          <Typography.Text type="secondary">
            {t('burden.ruleDecisions', {
              n: fmt.number(meter.derived.ruleDecisions),
              runs: meter.derived.evaluationRuns,
            })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
