import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  REQUESTER_LEVELS,
  useAddInspection,
  useInspections,
  type Inspection,
  type RequesterLevel,
} from '../../api/burden';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';
import { RegionPickField } from '../RegionSearchSelect';

/** The register of inspections of the grassroots, flagged when over the yearly count or days. */
export function InspectionsCard({
  region,
  year,
  mayRegister,
}: {
  region: string;
  year: number;
  mayRegister: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const inspections = useInspections(region, year);
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<Inspection> = [
    { title: t('burden.startOn'), dataIndex: 'startOn', render: (d: string) => fmt.date(d) },
    { title: t('burden.region'), dataIndex: 'region' },
    {
      title: t('burden.inspector'),
      render: (_: unknown, i) => `${i.inspector}（${t(`burden.levels.${i.inspectorLevel}`)}）`,
    },
    { title: t('burden.purpose'), dataIndex: 'purpose' },
    { title: t('burden.days'), dataIndex: 'days' },
    {
      title: '',
      render: (_: unknown, i) => (
        <Flex wrap gap={4}>
          <Tag>{t('burden.nth', { n: i.nth })}</Tag>
          {i.overCount && <Tag color="red">{t('burden.overCount')}</Tag>}
          {i.overDays && <Tag color="orange">{t('burden.overDays')}</Tag>}
        </Flex>
      ),
    },
  ];
  const limits = inspections.data?.limits;
  return (
    <Card
      title={t('burden.inspections')}
      size="small"
      extra={
        mayRegister && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="inspection-add">
            {t('burden.addInspection')}
          </Button>
        )
      }
    >
      {limits && (
        <Typography.Paragraph type="secondary">
          {t('burden.limits', { perYear: limits.perYear, days: limits.daysPerYear })}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={inspections.isLoading}
        dataSource={inspections.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('burden.empty') }}
      />
      {adding && <InspectionModal region={region} onClose={() => setAdding(false)} />}
    </Card>
  );
}

/** Register an inspection: where, by whom, why, from when and for how many days. */
function InspectionModal({ region, onClose }: { region: string; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddInspection();
  const [form] = Form.useForm<{
    region: string;
    inspector: string;
    inspectorLevel: RequesterLevel;
    purpose: string;
    startOn: { format(f: string): string };
    days: number;
  }>();
  return (
    <Modal
      open
      title={t('burden.addInspection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      {add.isError && <Typography.Text type="danger">{errorMessage(add.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ region, inspectorLevel: 'county', days: 1 }}
        onFinish={(v) =>
          add.mutate({ ...v, startOn: v.startOn.format('YYYY-MM-DD') }, { onSuccess: onClose })
        }
      >
        <Form.Item
          name="region"
          label={t('burden.region')}
          rules={[{ required: true, pattern: /^(\d{6}|\d{9}|\d{12})$/ }]}
        >
          <RegionPickField lengths={[6, 9, 12]} testId="inspection-region" />
        </Form.Item>
        <Form.Item name="inspector" label={t('burden.inspector')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="inspectorLevel" label={t('burden.requesterLevel')}>
          <Select options={REQUESTER_LEVELS.map((l) => ({ value: l, label: t(`burden.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('burden.purpose')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="startOn" label={t('burden.startOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="days" label={t('burden.days')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
