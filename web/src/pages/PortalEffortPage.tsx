import { Alert, App, Button, Card, Empty, Form, Input, List, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { isUnauthenticated } from '../api/client';
import {
  usePortalCommitments,
  usePortalPoints,
  usePortalRedeem,
  usePortalReportProgress,
  type PortalCommitment,
  type PortalPoints,
} from '../api/effort';
import { usePortalMe } from '../api/portal';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FullPageSpin } from '../components/RequireAuth';
import { wrapText } from '../components/portal/wrapText';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';

/**
 * /portal/effort: the household's own effort in the portal (phone first) — its commitments and the
 * progress it reports (its cadre confirms), its points balance and history, redeeming at its points shop.
 */
export default function PortalEffortPage() {
  const { t } = useTranslation();
  const me = usePortalMe();
  if (me.isLoading) return <FullPageSpin />;
  if (me.error)
    return isUnauthenticated(me.error) || (me.error as { status?: number }).status === 403 ? (
      <Navigate to="/portal/login" replace />
    ) : (
      <ErrorResult error={me.error} />
    );
  return (
    <div style={{ maxWidth: 600, margin: '0 auto', padding: 12, ...wrapText }} data-testid="portal-effort">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('effort.portal.title')}
        </Typography.Title>
        <LanguageSwitch />
      </div>
      <Link to="/portal">{t('effort.portal.back')}</Link>
      <Commitments />
      <Points />
    </div>
  );
}

function Commitments() {
  const { t } = useTranslation();
  const q = usePortalCommitments();
  return (
    <Card size="small" title={t('effort.portal.commitments')} style={{ marginTop: 12 }} loading={q.isLoading}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data && q.data.length === 0 && <Empty description={t('effort.portal.noCommitments')} />}
      {(q.data ?? []).map((c) => (
        <CommitmentItem key={c.id} c={c} />
      ))}
    </Card>
  );
}

function CommitmentItem({ c }: { c: PortalCommitment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const report = usePortalReportProgress();
  const [open, setOpen] = useState(false);
  return (
    <div
      style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}
      data-testid={`portal-commitment-${c.id}`}
      data-state={c.state}
    >
      <div>
        <Typography.Text strong>{c.text}</Typography.Text>{' '}
        <Tag>{t(`effort.stateOf.${c.state}` as never)}</Tag>
      </div>
      {c.dueOn && (
        <div style={{ color: '#888' }}>
          {t('effort.dueOn')}：{fmt.date(c.dueOn)}
        </div>
      )}
      {c.progress.map((p) => (
        <div key={p.id} data-testid={`portal-progress-${p.id}`} data-confirmed={p.confirmed}>
          {fmt.date(p.reportedOn)} {p.text}{' '}
          {p.confirmed ? (
            <Tag color="green">
              {t('effort.confirmed')}
              {p.pointsEarned ? ` +${p.pointsEarned}` : ''}
            </Tag>
          ) : (
            <Tag color="orange">{t('effort.portal.waiting')}</Tag>
          )}
        </div>
      ))}
      {c.state === 'open' && !open && (
        <Button
          size="small"
          style={{ marginTop: 4 }}
          onClick={() => setOpen(true)}
          data-testid="portal-report-open"
        >
          {t('effort.portal.report')}
        </Button>
      )}
      {c.state === 'open' && open && (
        <Form
          form={form}
          style={{ marginTop: 4 }}
          onFinish={(v) =>
            report.mutate(
              { commitmentId: c.id, text: v.text.trim() },
              {
                onSuccess: () => {
                  void message.success(t('effort.portal.reported'));
                  form.resetFields();
                  setOpen(false);
                },
              },
            )
          }
        >
          <Form.Item
            name="text"
            rules={[
              { required: true, whitespace: true, max: 500, message: t('effort.portal.reportRequired') },
            ]}
          >
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder={t('effort.portal.reportPlaceholder')}
              data-testid="portal-report-text"
            />
          </Form.Item>
          {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} />}
          <Button
            type="primary"
            htmlType="submit"
            loading={report.isPending}
            data-testid="portal-report-send"
          >
            {t('effort.portal.send')}
          </Button>
        </Form>
      )}
    </div>
  );
}

function Points() {
  const { t } = useTranslation();
  const q = usePortalPoints();
  if (q.isError)
    return (
      <Card size="small" title={t('effort.portal.points')} style={{ marginTop: 12 }}>
        <Alert type="error" showIcon title={errorMessage(q.error)} />
      </Card>
    );
  return (
    <>
      <Card size="small" title={t('effort.portal.points')} style={{ marginTop: 12 }} loading={q.isLoading}>
        <Statistic
          title={t('effort.portal.balance')}
          value={q.data?.balance ?? 0}
          valueRender={(v) => <span data-testid="portal-balance">{v}</span>}
        />
        {q.data && <Ledger p={q.data} />}
      </Card>
      {q.data && <Shop p={q.data} />}
    </>
  );
}

function Ledger({ p }: { p: PortalPoints }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useFormat();
  const ruleLabel = (code: string | null) => {
    const r = p.rules.find((x) => x.code === code);
    return r ? (lang === 'en' ? r.labelEn : r.labelZh) : '';
  };
  return (
    <List
      size="small"
      header={t('effort.portal.ledger')}
      locale={{ emptyText: t('effort.portal.noEntries') }}
      dataSource={p.entries}
      data-testid="portal-ledger"
      renderItem={(e) => (
        <List.Item extra={<span>{e.points > 0 ? `+${e.points}` : e.points}</span>}>
          <div>
            {e.kind === 'earn'
              ? t('effort.portal.earnedFor', { what: ruleLabel(e.ruleCode) })
              : t('effort.portal.redeemedFor', {
                  what: `${e.itemName ?? ''}${e.quantity && e.quantity > 1 ? ` ×${e.quantity}` : ''}`,
                })}
            <div style={{ color: '#888' }}>
              {fmt.date(e.recordedAt.slice(0, 10))} · {t('effort.balance')} {e.balanceAfter}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

function Shop({ p }: { p: PortalPoints }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const redeem = usePortalRedeem();
  return (
    <Card size="small" title={t('effort.portal.shop')} style={{ marginTop: 12 }} data-testid="portal-shop">
      {redeem.isError && <Alert type="error" showIcon title={errorMessage(redeem.error)} />}
      <List
        size="small"
        locale={{ emptyText: t('effort.portal.noShop') }}
        dataSource={p.shop}
        renderItem={(i) => (
          <List.Item
            data-testid={`portal-shop-${i.id}`}
            extra={
              <Button
                size="small"
                disabled={i.points > p.balance}
                loading={redeem.isPending && redeem.variables?.itemId === i.id}
                onClick={() =>
                  redeem.mutate(
                    { itemId: i.id, quantity: 1 },
                    { onSuccess: () => void message.success(t('effort.portal.redeemed')) },
                  )
                }
              >
                {i.points > p.balance ? t('effort.portal.notEnough') : t('effort.portal.redeem')}
              </Button>
            }
          >
            {i.name} · {t('effort.portal.pointsEach', { points: i.points })}
          </List.Item>
        )}
      />
    </Card>
  );
}
