import { useState } from 'react';
import { Alert, App, Button, Input, InputNumber, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { usePlan, useSetPlanRule } from '../../api/responsibility';
import { errorMessage } from '../ErrorResult';

type Kind = 'poor' | 'monitored' | 'exited';

/** The visit plan in force for a region (visits a year per kind of household), each rule editable with a reason. */
export function VisitPlanEditor({ region }: { region: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const scope = region || user.scope.code;
  const plan = usePlan(scope);
  const setRule = useSetPlanRule();
  const [edit, setEdit] = useState<{ kind: string; n: number; reason: string }>();
  const mayEdit = user.permissions.editVisitPlan;
  return (
    <div data-testid="visit-plan">
      {setRule.isError && (
        <Alert type="error" showIcon title={errorMessage(setRule.error)} style={{ marginBottom: 12 }} />
      )}
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={plan.data?.effective}
        columns={[
          {
            title: t('resp.household'),
            dataIndex: 'kind',
            render: (k: string) => t(`resp.kinds.${k as Kind}`),
          },
          { title: t('resp.visitsPerYear'), dataIndex: 'visitsPerYear' },
          {
            title: t('resp.regionPrefix'),
            dataIndex: 'regionPrefix',
            render: (p: string | null) => (p ? p : t('resp.national')),
          },
          {
            key: 'edit',
            render: (_: unknown, r: { kind: string; visitsPerYear: number | null }) =>
              mayEdit && (
                <Button
                  size="small"
                  onClick={() => setEdit({ kind: r.kind, n: r.visitsPerYear ?? 0, reason: '' })}
                  data-testid={`plan-edit-${r.kind}`}
                >
                  {t('resp.setRule')}
                </Button>
              ),
          },
        ]}
      />
      {edit && (
        <Modal
          open
          title={`${t(`resp.kinds.${edit.kind as Kind}`)} · ${t('resp.visitsPerYear')}`}
          onCancel={() => setEdit(undefined)}
          confirmLoading={setRule.isPending}
          okButtonProps={{ disabled: edit.reason.trim().length < 2 }}
          onOk={() =>
            setRule.mutate(
              { regionPrefix: scope, kind: edit.kind as Kind, visitsPerYear: edit.n, reason: edit.reason },
              {
                onSuccess: () => {
                  void message.success(t('resp.ruleSaved'));
                  setEdit(undefined);
                },
              },
            )
          }
        >
          <InputNumber min={0} max={52} value={edit.n} onChange={(n) => setEdit({ ...edit, n: n ?? 0 })} />
          <Input
            style={{ marginTop: 12 }}
            placeholder={t('resp.reason')}
            value={edit.reason}
            onChange={(e) => setEdit({ ...edit, reason: e.target.value })}
          />
        </Modal>
      )}
    </div>
  );
}
