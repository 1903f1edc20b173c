import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  useSetSetting,
  useSettings,
  type Setting,
  type SettingKey,
  type SettingValue,
  type SettingsView,
} from '../api/settings';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';

/**
 * `/settings?region`: the regional settings (issue 21) effective in a region — each value with the
 * national, inherited and local value and who set it — and, for those who keep the region's settings,
 * a change with a reason (audited on the server).
 */
export default function SettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || undefined;
  const view = useSettings(region);
  const [editing, setEditing] = useState<{ key: SettingKey; value: SettingValue } | null>(null);
  if (view.isError) return <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const v = view.data;
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Card size="small">
        <Flex gap={12} align="center" wrap>
          <Typography.Text>
            {t('settings.region')}：
            <Typography.Text strong data-testid="settings-region">
              {v ? v.region.name || t('settings.national') : ''}
            </Typography.Text>
          </Typography.Text>
          <RegionSearchSelect
            placeholder={t('settings.pickRegion')}
            onPick={(r) => setParams({ region: r.code.slice(0, 6) })}
            style={{ maxWidth: 320 }}
            testId="settings-region-pick"
          />
        </Flex>
      </Card>
      {v && !v.editable && <Alert type="info" showIcon title={t('settings.readOnly')} />}
      <Card size="small" loading={view.isLoading}>
        {v && (
          <Tabs
            items={v.settings.map((s) => ({
              key: s.key,
              label: <SettingLabel s={s} />,
              children: <SettingTable s={s} view={v} onEdit={(value) => setEditing({ key: s.key, value })} />,
            }))}
          />
        )}
      </Card>
      {editing && v && (
        <EditValue region={v.region.code} editing={editing} onClose={() => setEditing(null)} />
      )}
    </Flex>
  );
}

function SettingLabel({ s }: { s: Setting }) {
  const lang = useLang();
  return <span data-testid={`settings-tab-${s.key}`}>{lang === 'en' ? s.labelEn : s.labelZh}</span>;
}

function SettingTable({
  s,
  view,
  onEdit,
}: {
  s: Setting;
  view: SettingsView;
  onEdit: (v: SettingValue) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useFormat();
  const sourceOf = (v: SettingValue) => {
    if (!v.source) return <Tag>{t('settings.sourceDefault')}</Tag>;
    if (v.source.region === view.region.code) return <Tag color="blue">{t('settings.sourceLocal')}</Tag>;
    return <Tag>{v.source.region === '' ? t('settings.national') : v.source.regionName}</Tag>;
  };
  const columns: TableColumnsType<SettingValue> = [
    { title: t('settings.item'), key: 'item', render: (_, v) => (lang === 'en' ? v.labelEn : v.labelZh) },
    {
      title: t('settings.value'),
      key: 'value',
      render: (_, v) => <strong data-testid={`setting-${s.key}-${v.path}`}>{v.value}</strong>,
    },
    { title: t('settings.source'), key: 'source', render: (_, v) => sourceOf(v) },
    { title: t('settings.nationalValue'), key: 'national', render: (_, v) => v.national ?? v.defaultValue },
    { title: t('settings.inheritedValue'), dataIndex: 'inherited' },
    { title: t('settings.localValue'), key: 'local', render: (_, v) => v.local ?? '—' },
    {
      title: t('settings.changedBy'),
      key: 'by',
      render: (_, v) =>
        v.source && (
          <span>
            {v.source.setBy === 'system' ? t('settings.system') : v.source.setBy}
            <Typography.Text type="secondary"> {fmt.dateTime(v.source.setAt)}</Typography.Text>
          </span>
        ),
    },
    { title: t('settings.reason'), key: 'reason', render: (_, v) => v.source?.reason ?? '' },
  ];
  if (view.editable)
    columns.push({
      key: 'edit',
      render: (_, v) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => onEdit(v)}
          data-testid={`setting-edit-${s.key}-${v.path}`}
        >
          {t('settings.edit')}
        </Button>
      ),
    });
  return (
    <Table
      rowKey="path"
      size="small"
      columns={columns}
      dataSource={s.values}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

function EditValue({
  region,
  editing,
  onClose,
}: {
  region: string;
  editing: { key: SettingKey; value: SettingValue };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const save = useSetSetting();
  const [form] = Form.useForm<{ value: number | null; reason: string }>();
  const v = editing.value;
  const submit = async (value: number | null) => {
    const { reason } = await form.validateFields(['reason']);
    try {
      await save.mutateAsync({ key: editing.key, body: { region, values: { [v.path]: value }, reason } });
      void message.success(t('settings.saved'));
      onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t('settings.editTitle', { item: lang === 'en' ? v.labelEn : v.labelZh })}
      onCancel={onClose}
      footer={[
        v.local !== null && (
          <Button
            key="remove"
            onClick={() => void submit(null)}
            loading={save.isPending}
            data-testid="setting-remove"
          >
            {t('settings.removeLocal')}
          </Button>
        ),
        <Button
          key="save"
          type="primary"
          loading={save.isPending}
          data-testid="setting-save"
          onClick={() => void form.validateFields(['value']).then(({ value }) => submit(value ?? null))}
        >
          {t('settings.save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={{ value: v.local ?? v.value, reason: '' }}>
        <Form.Item
          name="value"
          label={t('settings.newValue')}
          extra={t('settings.range', { min: v.min, max: v.max })}
          rules={[{ required: true }]}
        >
          <InputNumber min={v.min} max={v.max} precision={v.integer ? 0 : 2} data-testid="setting-value" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('settings.reason')}
          rules={[{ required: true, whitespace: true, message: t('settings.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="setting-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
