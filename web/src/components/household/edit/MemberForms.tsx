import { useState } from 'react';
import { App, Button, Flex, Form, List, Radio, Select, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCodeLabel, useCodeOptions } from '../../../api/codeLists';
import { editRequests } from '../../../api/householdEdit';
import type { HouseholdRecord, MemberRow } from '../../../api/households';
import { changedValues, FieldItems, MEMBER_FORM } from './fields';
import { ReasonItem, SaveButton } from './HouseholdForm';
import type { EditSubmit } from './useEditSubmit';

type Mode =
  | { kind: 'list' }
  | { kind: 'add' }
  | { kind: 'edit'; member: MemberRow }
  | { kind: 'remove'; member: MemberRow };

const NAMES = MEMBER_FORM.map((d) => d.name);
const NEW_MEMBER = {
  insBasicMedical: true,
  insCriticalIllness: true,
  insMedicalAssistance: false,
  insPension: false,
};

/** Members: the list, and a form to add one, change one, or mark one moved out or deceased. */
export function MembersTab({ record, edit }: { record: HouseholdRecord; edit: EditSubmit }) {
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const back = () => setMode({ kind: 'list' });
  if (mode.kind === 'list') return <MemberList record={record} onPick={setMode} />;
  if (mode.kind === 'remove')
    return <RemoveForm record={record} member={mode.member} edit={edit} onDone={back} />;
  return (
    <MemberForm
      record={record}
      member={mode.kind === 'edit' ? mode.member : null}
      edit={edit}
      onDone={back}
    />
  );
}

function MemberList({ record, onPick }: { record: HouseholdRecord; onPick: (m: Mode) => void }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  return (
    <>
      <Button
        icon={<PlusOutlined />}
        onClick={() => onPick({ kind: 'add' })}
        data-testid="edit-member-add"
        style={{ marginBottom: 12 }}
      >
        {t('edit.addMember')}
      </Button>
      <List
        dataSource={record.members}
        renderItem={(m) => {
          const present = m.memberStatus === 'present';
          return (
            <List.Item
              data-testid={`edit-member-${m.id}`}
              actions={
                present
                  ? [
                      <Button
                        size="small"
                        key="e"
                        onClick={() => onPick({ kind: 'edit', member: m })}
                        data-testid={`edit-member-edit-${m.id}`}
                      >
                        {t('edit.editMember')}
                      </Button>,
                      <Button
                        size="small"
                        danger
                        key="r"
                        onClick={() => onPick({ kind: 'remove', member: m })}
                        data-testid={`edit-member-remove-${m.id}`}
                      >
                        {t('edit.removeMember')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Typography.Text type={present ? undefined : 'secondary'}>
                {m.name} <Tag>{label('relation', m.relation)}</Tag>
                {!present && t('edit.notPresent', { status: label('member_status', m.memberStatus) })}
              </Typography.Text>
            </List.Item>
          );
        }}
      />
    </>
  );
}

function BackButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      onClick={onClick}
      style={{ paddingInline: 0 }}
      data-testid="edit-member-back"
    >
      {t('edit.back')}
    </Button>
  );
}

/** Add a member (`member` null) or change one. Masked ID number and health are left empty: empty keeps them. */
function MemberForm({
  record,
  member,
  edit,
  onDone,
}: {
  record: HouseholdRecord;
  member: MemberRow | null;
  edit: EditSubmit;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const relations = useCodeOptions('relation').filter((o) => o.value !== 'head');
  const [initial] = useState<Record<string, unknown>>(() => {
    if (!member) return NEW_MEMBER;
    const m: Record<string, unknown> = { ...member };
    if (record.masked) for (const k of ['idNumber', 'health', 'disabilityGrade']) m[k] = undefined;
    return m;
  });
  const relation = Form.useWatch('relation', form) as string | undefined;
  const otherHead = record.members.find(
    (m) => m.memberStatus === 'present' && m.relation === 'head' && m.id !== member?.id,
  );
  const placeholders =
    member && record.masked
      ? { idNumber: t('edit.maskedKeep', { value: member.idNumber }), health: t('edit.maskedHealth') }
      : {};

  const onFinish = async (values: Record<string, unknown>) => {
    const changed = changedValues(NAMES, initial, values);
    if (member && record.masked)
      for (const k of ['idNumber', 'health', 'disabilityGrade']) if (changed[k] === null) delete changed[k];
    if (member && Object.keys(changed).length === 0) return void message.info(t('edit.noChange'));
    const extra = {
      reason: typeof values.reason === 'string' && values.reason.trim() ? values.reason.trim() : undefined,
      formerHeadRelation:
        relation === 'head' && otherHead ? (values.formerHeadRelation as string) : undefined,
    };
    const done = await edit.submit(
      (version) =>
        member
          ? editRequests.member(member.id, { ...changed, ...extra, version })
          : editRequests.addMember({ ...changed, ...extra, version }),
      form,
    );
    if (done) onDone();
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      data-testid="edit-member-form"
    >
      <BackButton onClick={onDone} />
      <Typography.Title level={5}>
        {member ? t('edit.memberTitleEdit', { name: member.name }) : t('edit.memberTitleNew')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('edit.idNumberHint')}</Typography.Paragraph>
      <FieldItems defs={MEMBER_FORM} placeholders={placeholders} />
      {relation === 'head' && otherHead && (
        <Form.Item
          name="formerHeadRelation"
          label={`${t('edit.formerHeadRelation')}（${otherHead.name}）`}
          rules={[{ required: true }]}
        >
          <Select options={relations} data-testid="edit-field-formerHeadRelation" />
        </Form.Item>
      )}
      <ReasonItem required={false} />
      <SaveButton pending={edit.pending} />
    </Form>
  );
}

/** Mark a member moved out or deceased, with a reason; a departing head names the new head. */
function RemoveForm({
  record,
  member,
  edit,
  onDone,
}: {
  record: HouseholdRecord;
  member: MemberRow;
  edit: EditSubmit;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const statuses = useCodeOptions('member_status').filter((o) => o.value !== 'present');
  const heirs = record.members.filter((m) => m.memberStatus === 'present' && m.id !== member.id);
  const isHead = member.relation === 'head' && heirs.length > 0;

  const onFinish = async (values: { memberStatus: string; newHeadId?: string; reason: string }) => {
    const done = await edit.submit(
      (version) =>
        editRequests.removeMember(member.id, {
          version,
          memberStatus: values.memberStatus,
          newHeadId: isHead ? values.newHeadId : undefined,
          reason: values.reason.trim(),
        }),
      form,
    );
    if (done) onDone();
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} data-testid="edit-remove-form">
      <BackButton onClick={onDone} />
      <Typography.Title level={5}>{t('edit.removeTitle', { name: member.name })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('edit.removeHint')}</Typography.Paragraph>
      <Form.Item name="memberStatus" label={t('edit.memberStatus')} rules={[{ required: true }]}>
        <Radio.Group options={statuses} data-testid="edit-field-memberStatus" />
      </Form.Item>
      {isHead && (
        <Form.Item
          name="newHeadId"
          label={t('edit.newHead')}
          extra={t('edit.newHeadHint')}
          rules={[{ required: true }]}
        >
          <Select
            options={heirs.map((m) => ({ value: m.id, label: m.name }))}
            data-testid="edit-field-newHeadId"
          />
        </Form.Item>
      )}
      <ReasonItem required />
      <Flex gap={8}>
        <SaveButton pending={edit.pending} />
      </Flex>
    </Form>
  );
}
