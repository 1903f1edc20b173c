import { App, Button, DatePicker, Form, Input, InputNumber, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { useRecordTraining, useTrainings, useTrainingSummary, type Training } from '../../api/practices';
import { errorMessage } from '../ErrorResult';

interface Values {
  trainedOn: Dayjs;
  topic: string;
  hours: number;
  organiser: string;
}

/** A cadre's training records (date, topic, hours, organiser); township officers and above record one. */
export function CadreTraining({ cadreId }: { cadreId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const list = useTrainings(cadreId);
  const record = useRecordTraining(cadreId);
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    record.mutate(
      { trainedOn: v.trainedOn.format('YYYY-MM-DD'), topic: v.topic, hours: v.hours, organiser: v.organiser },
      {
        onSuccess: () => {
          void message.success(t('cadreTraining.saved'));
          form.resetFields();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <div data-testid={`cadre-training-${cadreId}`}>
      <Table<Training>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        locale={{ emptyText: t('cadreTraining.none') }}
        columns={[
          { title: t('cadreTraining.trainedOn'), dataIndex: 'trainedOn' },
          { title: t('cadreTraining.topic'), dataIndex: 'topic' },
          { title: t('cadreTraining.hours'), dataIndex: 'hours' },
          { title: t('cadreTraining.organiser'), dataIndex: 'organiser' },
        ]}
      />
      {user.permissions.manageResponsibility && (
        <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 8, rowGap: 8 }}>
          <Form.Item name="trainedOn" rules={[{ required: true }]}>
            <DatePicker placeholder={t('cadreTraining.trainedOn')} />
          </Form.Item>
          <Form.Item name="topic" rules={[{ required: true, min: 2 }]}>
            <Input placeholder={t('cadreTraining.topic')} />
          </Form.Item>
          <Form.Item name="hours" rules={[{ required: true }]}>
            <InputNumber min={0.5} max={500} step={0.5} placeholder={t('cadreTraining.hours')} />
          </Form.Item>
          <Form.Item name="organiser" rules={[{ required: true, min: 2 }]}>
            <Input placeholder={t('cadreTraining.organiser')} />
          </Form.Item>
          <Button htmlType="submit" loading={record.isPending}>
            {t('cadreTraining.add')}
          </Button>
        </Form>
      )}
    </div>
  );
}

/** Training of cadres per township of a region this year: records, cadres trained, hours. */
export function TrainingByTownship({ region }: { region?: string }) {
  const { t } = useTranslation();
  const summary = useTrainingSummary(region || undefined);
  const rows = summary.data?.townships ?? [];
  if (!rows.length) return null;
  return (
    <Table
      rowKey="township"
      size="small"
      title={() => `${t('cadreTraining.summaryTitle')} · ${summary.data?.year ?? ''}`}
      dataSource={rows}
      pagination={false}
      style={{ marginBottom: 12 }}
      data-testid="training-by-township"
      columns={[
        {
          title: t('cadreTraining.township'),
          dataIndex: 'name',
          render: (n: string | null, r) => n ?? r.township,
        },
        { title: t('cadreTraining.records'), dataIndex: 'records' },
        { title: t('cadreTraining.cadres'), dataIndex: 'cadres' },
        { title: t('cadreTraining.totalHours'), dataIndex: 'hours' },
      ]}
    />
  );
}
