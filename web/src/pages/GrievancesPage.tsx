import { useState } from 'react';
import { AttachmentPanel } from '../components/attachments/AttachmentPanel';
import { PracticeFromFinding } from '../components/practice/PracticeFromFinding';
import { Button, Descriptions, Drawer, Form, Input, Select, Space, Switch, Table, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useGrievance, useGrievanceAction, useGrievances, type GrievanceItem } from '../api/portal';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { chinaDay, chinaMinute } from '../i18n/format';

const STATES = ['received', 'acknowledged', 'resolved', 'closed'];

/** /grievances?state&overdue&escalated&page: grievances routed to townships in scope; a drawer to acknowledge and resolve. */
export default function GrievancesPage() {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  const [p, setP] = useSearchParams();
  const set = (k: string, v: string | undefined) =>
    setP((q) => {
      if (v) q.set(k, v);
      else q.delete(k);
      if (k !== 'page') q.delete('page');
      return q;
    });
  const q = {
    state: p.get('state') ?? undefined,
    overdue: p.get('overdue') ?? undefined,
    escalated: p.get('escalated') ?? undefined,
    page: Number(p.get('page') ?? 1),
    pageSize: 20,
  };
  const list = useGrievances(q);
  const [open, setOpen] = useState<string | null>(null);
  const [unmask, setUnmask] = useState(false);
  const detail = useGrievance(open, unmask);
  const act = useGrievanceAction();
  const [form] = Form.useForm();

  return (
    <div>
      <PageHeader title={t('grievance.listTitle')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('grievance.filterState')}
          style={{ width: 140 }}
          value={q.state}
          onChange={(v?: string) => set('state', v)}
          options={STATES.map((s) => ({ value: s, label: tk(`grievance.state.${s}`) }))}
        />
        <Space>
          <Switch checked={q.overdue === 'true'} onChange={(v) => set('overdue', v ? 'true' : undefined)} />
          {t('grievance.filterOverdue')}
        </Space>
        <Space>
          <Switch
            checked={q.escalated === 'true'}
            onChange={(v) => set('escalated', v ? 'true' : undefined)}
          />
          {t('grievance.filterEscalated')}
        </Space>
      </Space>
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <Table<GrievanceItem>
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: q.page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: (n) => set('page', String(n)),
          }}
          columns={[
            { title: t('grievance.filedAt'), dataIndex: 'filedAt', render: (v: string) => chinaDay(v) },
            {
              title: t('grievance.kindLabel'),
              dataIndex: 'kind',
              render: (k: string) => tk(`grievance.kind.${k}`),
            },
            { title: t('grievance.region'), render: (_, r) => r.region.name },
            {
              title: t('grievance.filterState'),
              render: (_, r) => (
                <Space size={2} wrap>
                  <Tag>{tk(`grievance.state.${r.state}`)}</Tag>
                  {r.overdue && <Tag color="orange">{tk(`grievance.overdue.${r.overdue}`)}</Tag>}
                  {r.escalated && <Tag color="red">{t('grievance.escalated')}</Tag>}
                </Space>
              ),
            },
            { title: t('grievance.description'), dataIndex: 'summary', ellipsis: true },
          ]}
        />
      )}
      <Drawer
        open={!!open}
        onClose={() => (setOpen(null), setUnmask(false))}
        size="large"
        title={t('grievance.title')}
      >
        {detail.data && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('grievance.kindLabel')}>
                {tk(`grievance.kind.${detail.data.kind}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('grievance.filterState')}>
                {tk(`grievance.state.${detail.data.state}`)}{' '}
                {detail.data.escalationReason && <Tag color="red">{t('grievance.escalated')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('grievance.region')}>{detail.data.region.name}</Descriptions.Item>
              <Descriptions.Item label={t('grievance.household')}>
                {detail.data.household?.householdNo ?? tk(`grievance.channel.${detail.data.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('grievance.description')}>
                {detail.data.description}
              </Descriptions.Item>
              <Descriptions.Item label={t('grievance.contact')}>
                {detail.data.anonymous
                  ? t('grievance.anonymousYes')
                  : `${detail.data.contactName ?? ''} ${detail.data.contactPhone ?? ''}`}
                {detail.data.contactPhone && !unmask && (
                  <Button type="link" size="small" onClick={() => setUnmask(true)}>
                    {t('grievance.unmask')}
                  </Button>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('grievance.ackDue')}>
                {chinaMinute(detail.data.ackDueAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('grievance.resolveDue')}>
                {chinaMinute(detail.data.resolveDueAt)}
              </Descriptions.Item>
              {detail.data.outcome && (
                <Descriptions.Item label={t('grievance.outcome')}>{detail.data.outcome}</Descriptions.Item>
              )}
              {detail.data.feedback && (
                <Descriptions.Item label={t('grievance.feedback.satisfied')}>
                  {tk(`grievance.feedback.${detail.data.feedback}`)} {detail.data.feedbackComment}
                </Descriptions.Item>
              )}
            </Descriptions>
            {(detail.data.state === 'received' || detail.data.state === 'acknowledged') && (
              <Form
                form={form}
                layout="vertical"
                style={{ marginTop: 16 }}
                onFinish={(v: { text?: string }) =>
                  act.mutate(
                    {
                      id: detail.data!.id,
                      action: detail.data!.state === 'received' ? 'acknowledge' : 'resolve',
                      text: v.text ?? '',
                    },
                    { onSuccess: () => form.resetFields() },
                  )
                }
              >
                <Form.Item
                  name="text"
                  label={
                    detail.data.state === 'received' ? t('grievance.ackNote') : t('grievance.outcomeText')
                  }
                  rules={detail.data.state === 'acknowledged' ? [{ required: true }] : []}
                >
                  <Input.TextArea rows={3} data-testid="grievance-action-text" />
                </Form.Item>
                {act.error && <ErrorResult error={act.error} />}
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={act.isPending}
                  data-testid="grievance-action"
                >
                  {detail.data.state === 'received' ? t('grievance.acknowledge') : t('grievance.resolve')}
                </Button>
              </Form>
            )}
            {(detail.data.state === 'resolved' || detail.data.state === 'closed') && (
              <div style={{ marginTop: 12 }}>
                <PracticeFromFinding
                  testId="grievance-to-practice"
                  draft={{
                    kind: 'problem',
                    regionCode: detail.data.region.code,
                    title: `${tk(`grievance.kind.${detail.data.kind}`)}：${detail.data.region.name}`.slice(
                      0,
                      200,
                    ),
                    summary: detail.data.description.slice(0, 1000),
                    body: detail.data.outcome ?? '',
                    source: { kind: 'grievance', id: detail.data.id },
                  }}
                />
              </div>
            )}
            <h4 style={{ marginTop: 16 }}>{t('grievance.history')}</h4>
            <Timeline
              items={detail.data.events.map((e) => ({
                content: `${chinaMinute(e.at)} ${tk(`grievance.events.${e.action}`)} · ${e.actor}${e.note ? ` · ${e.note}` : ''}`,
              }))}
            />
            <AttachmentPanel ownerKind="grievance" ownerId={detail.data.id} />
          </>
        )}
      </Drawer>
    </div>
  );
}
