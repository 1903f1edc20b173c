import { Alert, Descriptions, Drawer, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolicyDocument } from '../../api/knowledge';
import { useLang } from '../../i18n';
import { errorMessage } from '../ErrorResult';

/** One policy document: its particulars, its text or summary, and what it grounds. */
export function DocumentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = usePolicyDocument(id);
  const d = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={d ? `《${d.title}》` : ''}
      destroyOnHidden
    >
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {d && (
        <div data-testid="policy-document">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('knowledge.region')}>
              <Tag>{t(`knowledge.level.${d.level}`)}</Tag>
              {d.region}
            </Descriptions.Item>
            <Descriptions.Item label={t('knowledge.issuer')}>{d.issuer}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.docNo')}>{d.docNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.issuedOn')}>{d.issuedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.effective')}>
              {d.effectiveFrom ?? '—'}
              {d.effectiveTo ? ` – ${d.effectiveTo}` : ''}
            </Descriptions.Item>
          </Descriptions>
          {d.bodyIsSummary && (
            <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('knowledge.summaryNote')} />
          )}
          <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
            {d.body}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('knowledge.grounds')}</Typography.Title>
          <List
            size="small"
            dataSource={[
              ...d.grounds.map((g) => ({
                kind: g.kind === 'rule' ? t('knowledge.groundsRule') : t('knowledge.groundsParam'),
                name: g.key,
              })),
              ...d.catalogueEntries.map((e) => ({
                kind: t('knowledge.groundsMeasure'),
                name: `${lang === 'en' ? e.nameEn : e.nameZh}${e.region ? ` (${e.region})` : ''}`,
              })),
            ]}
            renderItem={(x) => (
              <List.Item>
                <Tag>{x.kind}</Tag> {x.name}
              </List.Item>
            )}
          />
        </div>
      )}
    </Drawer>
  );
}
