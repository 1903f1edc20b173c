import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, List, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  usePublicFeedback,
  usePublicFile,
  usePublicRegions,
  useTrack,
  type GrievanceKind,
} from '../api/portal';
import { ErrorResult } from '../components/ErrorResult';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { GrievanceItemView } from '../components/portal/GrievanceItemView';

const KINDS = [
  'identification_unfair',
  'exit_unfair',
  'help_not_delivered',
  'cadre_conduct',
  'funds_misuse',
  'other',
];

/** /grievance?county=433124&code=…: file a grievance without signing in (anonymous allowed) and follow it by its tracking code. */
export default function PublicGrievancePage() {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? '433124';
  const code = params.get('code') ?? '';
  const [township, setTownship] = useState('');
  const townships = usePublicRegions(county);
  const villages = usePublicRegions(township);
  const file = usePublicFile();
  const track = useTrack(code);
  const feedback = usePublicFeedback(code);
  const [anonymous, setAnonymous] = useState(false);
  const [typed, setTyped] = useState(code);

  return (
    <div style={{ maxWidth: 600, margin: '0 auto', padding: 12, overflowWrap: 'anywhere' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('grievance.publicTitle')}
        </Typography.Title>
        <LanguageSwitch />
      </div>
      <Card size="small" style={{ marginTop: 12 }}>
        <Typography.Paragraph type="secondary">{t('grievance.publicHint')}</Typography.Paragraph>
        {file.data ? (
          <Alert
            type="success"
            showIcon
            title={
              <span>
                {t('grievance.filed')}{' '}
                <strong data-testid="public-tracking-code">{file.data.trackingCode}</strong>
              </span>
            }
            description={t('grievance.keepCode')}
          />
        ) : (
          <Form
            layout="vertical"
            initialValues={{ kind: 'help_not_delivered' }}
            onFinish={(v: {
              kind: GrievanceKind;
              township: string;
              village?: string;
              description: string;
              contactName?: string;
              contactPhone?: string;
            }) =>
              file.mutate({
                kind: v.kind,
                regionCode: v.village || v.township,
                description: v.description,
                anonymous,
                ...(anonymous
                  ? {}
                  : { contactName: v.contactName || undefined, contactPhone: v.contactPhone || undefined }),
              })
            }
          >
            <Form.Item name="kind" label={t('grievance.kindLabel')}>
              <Select options={KINDS.map((k) => ({ value: k, label: tk(`grievance.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="township" label={t('grievance.township')} rules={[{ required: true }]}>
              <Select
                onChange={(v: string) => setTownship(v)}
                options={(townships.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="village" label={t('grievance.village')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(villages.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('grievance.description')}
              rules={[{ required: true, min: 5 }]}
            >
              <Input.TextArea rows={4} />
            </Form.Item>
            <Checkbox
              checked={anonymous}
              onChange={(e) => setAnonymous(e.target.checked)}
              style={{ marginBottom: 12 }}
            >
              {t('grievance.anonymous')}
            </Checkbox>
            {!anonymous && (
              <>
                <Form.Item name="contactName" label={t('grievance.contactName')}>
                  <Input />
                </Form.Item>
                <Form.Item name="contactPhone" label={t('grievance.contactPhone')}>
                  <Input inputMode="tel" />
                </Form.Item>
              </>
            )}
            {file.error && <ErrorResult error={file.error} subject="page" />}
            <Button type="primary" htmlType="submit" loading={file.isPending} block>
              {t('grievance.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Card size="small" title={t('grievance.track')} style={{ marginTop: 12 }}>
        <Input.Search
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('grievance.trackingCode')}
          enterButton={t('grievance.find')}
          onSearch={(v) => setParams((p) => (p.set('code', v.trim().toUpperCase()), p))}
        />
        {track.error && <ErrorResult error={track.error} subject="page" />}
        {track.data && (
          <List
            dataSource={[track.data]}
            renderItem={(g) => <GrievanceItemView g={g} onFeedback={(b) => feedback.mutate(b)} />}
          />
        )}
      </Card>
    </div>
  );
}
