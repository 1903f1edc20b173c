import { App, Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { queueNewDraft, type DraftPayload } from './drafts';

interface Values {
  villageCode: string;
  householdNo?: string;
  headName: string;
  idNumber?: string;
}

/**
 * A new household met in the village, started as a registration draft on the device (the head and
 * what is at hand); sent as a draft when the network returns and finished on 登记新农户, where the
 * import's checks run (docs/offline.md).
 */
export function DraftSheet({
  owner,
  village,
  onDone,
}: {
  owner: string;
  village: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const save = async (v: Values) => {
    const household: DraftPayload['household'] = {};
    if (v.householdNo) household.household_no = v.householdNo;
    const head: DraftPayload['members'][number] = { relation: 'head', name: v.headName };
    if (v.idNumber) head.id_number = v.idNumber;
    const payload: DraftPayload = { household, members: [head], income: {}, facts: {} };
    await queueNewDraft(
      owner,
      crypto.randomUUID(),
      v.villageCode,
      payload,
      t('offline.draftOf', { name: v.headName }),
    );
    void message.success(t('offline.saved'));
    onDone();
  };

  return (
    <Form<Values> layout="vertical" onFinish={(v) => void save(v)} initialValues={{ villageCode: village }}>
      <Form.Item
        name="villageCode"
        label={t('offline.villageCode')}
        rules={[{ required: true, pattern: /^\d{12}$/, message: t('offline.villageCodeHint') }]}
      >
        <Input
          maxLength={12}
          inputMode="numeric"
          disabled={village.length === 12}
          data-testid="field-draft-village"
        />
      </Form.Item>
      <Form.Item name="headName" label={t('offline.headName')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={30} data-testid="field-draft-head" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('offline.idNumber')}>
        <Input maxLength={18} data-testid="field-draft-id" />
      </Form.Item>
      <Form.Item name="householdNo" label={t('offline.householdNo')}>
        <Input maxLength={20} data-testid="field-draft-no" />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" data-testid="field-draft-save">
          {t('offline.save')}
        </Button>
      </Flex>
    </Form>
  );
}
