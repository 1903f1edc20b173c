import { Alert, Button, Empty, Flex, Select, Typography } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CASE_KINDS } from '../api/cases';
import { useMe } from '../api/auth';
import { batchNoticePdfUrl, useBatchNotices, type NoticeKind } from '../api/printing';
import { useLang } from '../i18n';
import { useCaseLabels } from '../components/cases/labels';
import { ErrorResult } from '../components/ErrorResult';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { FullPageSpin } from '../components/RequireAuth';
import { BatchNoticeSheet, NOTICE_CSS } from '../components/print/BatchNoticeSheet';

/**
 * The batch public notice of a village's or township's round (`/notices/batch?region&kind`): every
 * household whose case of the kind is in its notice period now, one sheet per stage and issuer (a
 * township's notice for its own step, each village's for a village step), printed at once, each with
 * the supervision lines. Built from the notice API: no ID number, phone, bank account or health.
 */
export default function BatchNoticePrintPage() {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const own = me.data?.scope.code ?? '';
  const region = params.get('region') ?? (own.length === 9 || own.length === 12 ? own : '');
  const kindParam = params.get('kind') as NoticeKind | null;
  const kind: NoticeKind = kindParam && CASE_KINDS.includes(kindParam) ? kindParam : 'identification';
  const notices = useBatchNotices(region, kind);
  const set = (next: Record<string, string>) => setParams({ region, kind, ...next }, { replace: true });
  const rounds = notices.data?.rounds ?? [];
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', padding: 1 }}>
      <style>{NOTICE_CSS}</style>
      <Flex className="no-print" gap={8} justify="center" wrap style={{ margin: '16px auto', maxWidth: 880 }}>
        <Typography.Text strong>{t('print.batch.title')}</Typography.Text>
        <RegionSearchSelect
          testId="batch-notice-region"
          placeholder={t('print.batch.pickRegion')}
          style={{ width: 260 }}
          onPick={(r) => set({ region: r.code })}
        />
        <Select
          data-testid="batch-notice-kind"
          style={{ width: 180 }}
          value={kind}
          onChange={(k: string) => set({ kind: k })}
          options={CASE_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
        />
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          disabled={rounds.length === 0}
          onClick={() => window.print()}
          data-testid="batch-notice-print"
        >
          {t('notice.print')}
        </Button>
        <Button
          icon={<FilePdfOutlined />}
          disabled={rounds.length === 0}
          href={batchNoticePdfUrl(region, kind, lang)}
          target="_blank"
          data-testid="batch-notice-pdf"
        >
          {t('print.pdf')}
        </Button>
      </Flex>
      {notices.data?.supervision.county.isDefault && (
        <Alert
          className="no-print"
          type="warning"
          showIcon
          style={{ maxWidth: 880, margin: '0 auto' }}
          title={t('print.hotlineUnset')}
        />
      )}
      {region.length !== 9 && region.length !== 12 ? (
        <Empty className="no-print" description={t('print.batch.pickRegion')} />
      ) : notices.isError ? (
        <ErrorResult error={notices.error} />
      ) : !notices.data ? (
        <FullPageSpin />
      ) : rounds.length === 0 ? (
        <Empty description={t('print.batch.none')} data-testid="batch-notice-none" />
      ) : (
        rounds.map((r) => (
          <BatchNoticeSheet
            key={`${r.stage}|${r.issuer.zh}`}
            round={r}
            supervision={notices.data.supervision}
          />
        ))
      )}
    </div>
  );
}
