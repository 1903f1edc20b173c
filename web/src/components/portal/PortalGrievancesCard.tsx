import { App, Button, Card, Form, Input, List, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  usePortalFileGrievance,
  usePortalGrievanceFeedback,
  usePortalGrievances,
  type NewPortalGrievance,
} from '../../api/portal';
import { GrievanceItemView } from './GrievanceItemView';

const GRIEVANCE_KINDS = [
  'help_not_delivered',
  'identification_unfair',
  'exit_unfair',
  'cadre_conduct',
  'funds_misuse',
  'other',
];

/** The household files a grievance and follows its own grievances, giving feedback once resolved. */
export function PortalGrievancesCard() {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  const { message } = App.useApp();
  const grievances = usePortalGrievances(true);
  const fileGrievance = usePortalFileGrievance();
  const feedback = usePortalGrievanceFeedback();
  const [grievanceForm] = Form.useForm();
  const saved = () => void message.success(t('portal.saved'));
  return (
    <Card size="small" title={t('portal.grievances')} style={{ marginTop: 12 }}>
      <Form
        form={grievanceForm}
        layout="vertical"
        initialValues={{ kind: 'help_not_delivered' }}
        onFinish={(v: NewPortalGrievance) =>
          fileGrievance.mutate(v, { onSuccess: () => grievanceForm.resetFields(['description']) })
        }
      >
        <Form.Item name="kind" label={t('grievance.kindLabel')}>
          <Select options={GRIEVANCE_KINDS.map((k) => ({ value: k, label: tk(`grievance.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('grievance.description')} rules={[{ required: true, min: 5 }]}>
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
  );
}
