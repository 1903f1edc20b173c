import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, List, Rate, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { isUnauthenticated } from '../api/client';
import {
  usePortalAgree,
  usePortalConfirmNeed,
  usePortalDifficulty,
  usePortalFileGrievance,
  usePortalGrievanceFeedback,
  usePortalGrievances,
  usePortalLogout,
  usePortalMe,
  usePortalNeeds,
  usePortalRate,
  type GrievanceView,
} from '../api/portal';
import { ErrorResult } from '../components/ErrorResult';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FullPageSpin } from '../components/RequireAuth';
import { useLang } from '../i18n';

const REPORT_KINDS = [
  'illness',
  'accident',
  'disaster',
  'job_loss',
  'dropout',
  'housing_damage',
  'income_drop',
  'other',
];
const GRIEVANCE_KINDS = [
  'help_not_delivered',
  'identification_unfair',
  'exit_unfair',
  'cadre_conduct',
  'funds_misuse',
  'other',
];
const wrap = { overflowWrap: 'anywhere' as const, wordBreak: 'break-word' as const };

/** /portal: the household's own page, one column for a phone: record, plan, help, needs, difficulties, grievances. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const tk = (k: string, o?: Record<string, unknown>) => t(k as 'portal.title', o ?? {});
  const lang = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = usePortalMe();
  const ok = !!me.data;
  const needs = usePortalNeeds(ok);
  const grievances = usePortalGrievances(ok);
  const logout = usePortalLogout();
  const agree = usePortalAgree();
  const confirm = usePortalConfirmNeed();
  const rate = usePortalRate();
  const difficulty = usePortalDifficulty();
  const fileGrievance = usePortalFileGrievance();
  const feedback = usePortalGrievanceFeedback();
  const [declining, setDeclining] = useState(false);
  const [diffForm] = Form.useForm();
  const [grievanceForm] = Form.useForm();

  if (me.isLoading) return <FullPageSpin />;
  if (me.error)
    return isUnauthenticated(me.error) || (me.error as { status?: number }).status === 403 ? (
      <Navigate to="/portal/login" replace />
    ) : (
      <ErrorResult error={me.error} />
    );
  const { card, year } = me.data!;
  const present = card.members.map((m) => m.name);
  const yearRating = me.data!.ratings.find((r) => r.year === year && r.measureId === null);
  const saved = () => void message.success(t('portal.saved'));

  return (
    <div style={{ maxWidth: 600, margin: '0 auto', padding: 12, ...wrap }} data-testid="portal-home">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portal.title')}
        </Typography.Title>
        <Space>
          <LanguageSwitch />
          <Button
            size="small"
            onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/portal/login') })}
          >
            {t('portal.signOut')}
          </Button>
        </Space>
      </div>

      <Card size="small" title={t('portal.myHousehold')} style={{ marginTop: 12 }}>
        <Typography.Text strong data-testid="portal-household-no-shown">
          {card.householdNo}
        </Typography.Text>
        <div>{me.data!.village.path}</div>
        <List
          size="small"
          header={t('portal.members')}
          dataSource={card.members}
          renderItem={(m) => (
            <List.Item>
              <div>
                {m.name} · {t('portal.age', { age: m.age })}
                <div style={{ color: '#888' }}>
                  {t('portal.idNumber')} {m.idNumber}
                </div>
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('portal.plan', { year })} style={{ marginTop: 12 }}>
        {!card.plan ? (
          <Empty description={t('portal.noPlan')} />
        ) : (
          <>
            <Tag
              data-testid="portal-plan-status"
              data-status={card.plan.status}
              color={
                card.plan.status === 'agreed' ? 'green' : card.plan.status === 'declined' ? 'red' : 'gold'
              }
            >
              {tk(`portal.planStatus.${card.plan.status}`)}
            </Tag>
            {card.plan.agreedBy && card.plan.agreedAt && (
              <Typography.Text type="secondary">
                {t('portal.agreedBy', { by: card.plan.agreedBy, at: card.plan.agreedAt.slice(0, 10) })}
              </Typography.Text>
            )}
            <List
              size="small"
              header={t('portal.measures')}
              dataSource={card.measures}
              renderItem={(m) => (
                <List.Item>
                  {lang === 'en' ? m.nameEn : m.nameZh}
                  {m.deadline ? ` · ${m.deadline}` : ''}
                </List.Item>
              )}
            />
            {card.plan.status !== 'agreed' && (
              <Form
                layout="vertical"
                initialValues={{ by: present[0] }}
                onFinish={(v: { by: string; declineReason?: string }) =>
                  agree.mutate(
                    { agreed: !declining, by: v.by, declineReason: declining ? v.declineReason : undefined },
                    { onSuccess: saved },
                  )
                }
              >
                <Form.Item name="by" label={t('portal.who')} rules={[{ required: true }]}>
                  <Select
                    options={present.map((n) => ({ value: n, label: n }))}
                    data-testid="portal-agree-by"
                  />
                </Form.Item>
                {declining && (
                  <Form.Item
                    name="declineReason"
                    label={t('portal.declineReason')}
                    rules={[{ required: true }]}
                  >
                    <Input.TextArea rows={2} />
                  </Form.Item>
                )}
                <Space wrap>
                  <Button
                    type="primary"
                    htmlType="submit"
                    onClick={() => setDeclining(false)}
                    loading={agree.isPending && !declining}
                    data-testid="portal-agree"
                  >
                    {t('portal.agree')}
                  </Button>
                  <Button
                    danger
                    htmlType={declining ? 'submit' : 'button'}
                    onClick={() => setDeclining(true)}
                  >
                    {t('portal.decline')}
                  </Button>
                </Space>
              </Form>
            )}
          </>
        )}
      </Card>

      <Card size="small" title={t('portal.policies')} style={{ marginTop: 12 }}>
        {card.policies.length === 0 ? (
          <Empty />
        ) : (
          card.policies.map((p) => (
            <Tag key={p.code} style={{ marginBottom: 4 }}>
              {lang === 'en' ? p.en : p.zh}
            </Tag>
          ))
        )}
      </Card>

      <Card size="small" title={t('portal.cadre')} style={{ marginTop: 12 }}>
        {card.cadres.length === 0
          ? t('portal.noCadre')
          : card.cadres.map((c) => (
              <div key={c.name}>
                {c.name} · {c.workUnit}{' '}
                {c.phone && (
                  <a href={`tel:${c.phone}`}>
                    {t('portal.call')} {c.phone}
                  </a>
                )}
              </div>
            ))}
      </Card>

      <Card size="small" title={t('portal.needs')} style={{ marginTop: 12 }}>
        <List
          size="small"
          locale={{ emptyText: t('portal.noNeeds') }}
          dataSource={needs.data ?? []}
          renderItem={(n) => (
            <List.Item data-testid={`portal-need-${n.id}`} data-status={n.status}>
              <div style={{ width: '100%' }}>
                <div>
                  {n.title} <Tag>{tk(`portal.needStatus.${n.status}`)}</Tag>
                </div>
                {n.organisation && (
                  <div style={{ color: '#888' }}>{t('portal.by', { org: n.organisation })}</div>
                )}
                {n.status === 'delivered' && (
                  <Button
                    size="small"
                    type="primary"
                    style={{ marginTop: 4 }}
                    loading={confirm.isPending}
                    data-testid={`portal-need-confirm-${n.id}`}
                    onClick={() => confirm.mutate({ id: n.id, note: '', rating: 5 }, { onSuccess: saved })}
                  >
                    {t('portal.confirmDelivered')}
                  </Button>
                )}
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card size="small" title={t('portal.rating')} style={{ marginTop: 12 }}>
        <Typography.Paragraph type="secondary">{t('portal.ratingHint')}</Typography.Paragraph>
        {yearRating && <div>{t('portal.rated', { rating: yearRating.rating })}</div>}
        <Form
          layout="vertical"
          onFinish={(v: { rating: number; comment?: string }) =>
            rate.mutate({ year, rating: v.rating, comment: v.comment }, { onSuccess: saved })
          }
        >
          <Form.Item name="rating" rules={[{ required: true }]} initialValue={yearRating?.rating}>
            <Rate />
          </Form.Item>
          <Form.Item name="comment" label={t('portal.ratingComment')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button htmlType="submit" loading={rate.isPending}>
            {t('portal.rate')}
          </Button>
        </Form>
      </Card>

      <Card size="small" title={t('portal.difficulty')} style={{ marginTop: 12 }}>
        <Form
          form={diffForm}
          layout="vertical"
          initialValues={{ kind: 'illness', observedOn: new Date().toISOString().slice(0, 10) }}
          onFinish={(v: { kind: string; description: string; observedOn: string }) =>
            difficulty.mutate(v, {
              onSuccess: () => {
                void message.success(t('portal.reported'));
                diffForm.resetFields(['description']);
              },
            })
          }
        >
          <Form.Item name="kind" label={t('portal.difficultyKind')}>
            <Select options={REPORT_KINDS.map((k) => ({ value: k, label: tk(`portal.reportKind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="observedOn"
            label={t('portal.observedOn')}
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="description" label={t('portal.difficultyText')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="portal-difficulty-text" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={difficulty.isPending}
            data-testid="portal-difficulty-submit"
          >
            {t('portal.report')}
          </Button>
          {difficulty.isSuccess && (
            <Typography.Paragraph
              type="success"
              data-testid="portal-difficulty-done"
              style={{ marginTop: 8 }}
            >
              {t('portal.reported')}
            </Typography.Paragraph>
          )}
        </Form>
      </Card>

      <Card size="small" title={t('portal.grievances')} style={{ marginTop: 12 }}>
        <Form
          form={grievanceForm}
          layout="vertical"
          initialValues={{ kind: 'help_not_delivered' }}
          onFinish={(v: { kind: string; description: string }) =>
            fileGrievance.mutate(v, { onSuccess: () => grievanceForm.resetFields(['description']) })
          }
        >
          <Form.Item name="kind" label={t('grievance.kindLabel')}>
            <Select options={GRIEVANCE_KINDS.map((k) => ({ value: k, label: tk(`grievance.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('grievance.description')}
            rules={[{ required: true, min: 5 }]}
          >
            <Input.TextArea rows={3} data-testid="portal-grievance-text" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={fileGrievance.isPending}
            data-testid="portal-grievance-submit"
          >
            {t('portal.newGrievance')}
          </Button>
        </Form>
        <List
          size="small"
          style={{ marginTop: 12 }}
          locale={{ emptyText: t('portal.noGrievances') }}
          dataSource={grievances.data ?? []}
          renderItem={(g) => (
            <GrievanceItemView
              g={g}
              onFeedback={(b) => feedback.mutate({ id: g.id, ...b }, { onSuccess: saved })}
            />
          )}
        />
      </Card>
    </div>
  );
}

/** One grievance as its complainant sees it, with the feedback buttons once it is resolved. */
export function GrievanceItemView({
  g,
  onFeedback,
}: {
  g: GrievanceView;
  onFeedback: (b: { satisfied: boolean; reopen?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  return (
    <List.Item data-testid="portal-grievance-item" data-state={g.state}>
      <div style={{ width: '100%', ...wrap }}>
        <div>
          <Tag>{tk(`grievance.kind.${g.kind}`)}</Tag>
          <Tag color={g.state === 'closed' ? 'default' : g.state === 'resolved' ? 'green' : 'blue'}>
            {tk(`grievance.state.${g.state}`)}
          </Tag>
          {g.escalated && <Tag color="red">{t('grievance.escalated')}</Tag>}
        </div>
        <div>{g.description}</div>
        <div style={{ color: '#888' }}>
          {t('grievance.trackingCode')} {g.trackingCode} · {t('grievance.filedAt')} {g.filedAt.slice(0, 10)}
        </div>
        {g.outcome && (
          <div>
            <strong>{t('grievance.outcome')}：</strong>
            {g.outcome}
          </div>
        )}
        {g.feedback && <div>{tk(`grievance.feedback.${g.feedback}`)}</div>}
        {g.canGiveFeedback && (
          <Space wrap style={{ marginTop: 4 }}>
            <Button size="small" type="primary" onClick={() => onFeedback({ satisfied: true })}>
              {t('grievance.satisfied')}
            </Button>
            <Button size="small" onClick={() => onFeedback({ satisfied: false })}>
              {t('grievance.notSatisfied')}
            </Button>
            {g.canReopen && (
              <Button size="small" danger onClick={() => onFeedback({ satisfied: false, reopen: true })}>
                {t('grievance.reopen')}
              </Button>
            )}
          </Space>
        )}
      </div>
    </List.Item>
  );
}
