import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useDraft, useDraftActions, useDrafts } from '../api/registration';
import { PageHeader } from '../components/PageHeader';
import { RegistrationSteps } from '../components/registration/RegistrationSteps';
import { ErrorResult } from '../components/ErrorResult';
import { useFormat } from '../i18n/format';
import { DraftSheet } from '../offline/DraftSheet';
import { useOnline } from '../offline/hooks';

/**
 * 登记新农户 (docs/field.md): the cadre's drafts, a new draft in their village, and the stepwise
 * form of one draft (`/register?draft=<id>`). Phone first: one column, full-width controls.
 */
export default function RegisterHouseholdPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const draftId = params.get('draft');
  const draft = useDraft(draftId);
  const [village, setVillage] = useState(user.scope.code.length === 12 ? user.scope.code : '');

  if (draftId) {
    if (draft.error) return <ErrorResult error={draft.error} />;
    if (!draft.data) return null;
    return (
      <div style={{ maxWidth: 640, overflowWrap: 'anywhere' }}>
        <PageHeader
          title={t('registration.title')}
          subtitle={draft.data.villageName ?? draft.data.villageCode}
        />
        <RegistrationSteps key={draft.data.id} draft={draft.data} onDone={() => setParams({})} />
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 640, overflowWrap: 'anywhere' }}>
      <PageHeader title={t('registration.title')} subtitle={t('registration.subtitle')} />
      <NewDraft
        owner={user.username}
        village={village}
        setVillage={setVillage}
        fixed={user.scope.code.length === 12}
        onOpen={(id) => setParams({ draft: id })}
      />
      <DraftList onOpen={(id) => setParams({ draft: id })} />
    </div>
  );
}

function NewDraft(props: {
  owner: string;
  village: string;
  setVillage: (v: string) => void;
  fixed: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { create } = useDraftActions();
  const online = useOnline();
  if (!online)
    // no network: the head and what is at hand, kept on the device and sent as a new draft later
    return (
      <Card size="small" style={{ marginBottom: 16 }} data-testid="reg-offline-new">
        <Alert type="info" showIcon message={t('registration.offlineNew')} style={{ marginBottom: 12 }} />
        <DraftSheet owner={props.owner} village={props.fixed ? props.village : ''} onDone={() => undefined} />
      </Card>
    );
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex gap={8} wrap align="center">
        {!props.fixed && (
          <Input
            style={{ maxWidth: 220 }}
            placeholder={t('registration.village')}
            value={props.village}
            onChange={(e) => props.setVillage(e.target.value.trim())}
            data-testid="reg-village"
          />
        )}
        <Button
          type="primary"
          block={props.fixed}
          disabled={!/^\d{12}$/.test(props.village)}
          loading={create.isPending}
          onClick={() =>
            create.mutate({ villageCode: props.village }, { onSuccess: (d) => props.onOpen(d.id) })
          }
          data-testid="reg-new"
        >
          {t('registration.newDraft')}
        </Button>
      </Flex>
      {create.error && <ErrorResult error={create.error} />}
    </Card>
  );
}

function DraftList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const drafts = useDrafts();
  const { discard } = useDraftActions();
  const fmt = useFormat();
  return (
    <Card size="small" title={t('registration.drafts')}>
      <List
        dataSource={drafts.data?.items ?? []}
        loading={drafts.isLoading}
        locale={{ emptyText: <Empty description={t('registration.noDrafts')} /> }}
        renderItem={(d) => (
          <List.Item
            data-testid={`reg-draft-${d.id}`}
            actions={[
              <Button key="go" size="small" type="primary" onClick={() => onOpen(d.id)}>
                {t('registration.resume')}
              </Button>,
              <Button
                key="x"
                size="small"
                danger
                onClick={() => discard.mutate({ id: d.id, version: d.version })}
              >
                {t('registration.discard')}
              </Button>,
            ]}
          >
            <Typography.Text>
              {t('registration.draftOf', {
                name: d.headName ?? t('registration.unnamed'),
                n: d.members,
                at: fmt.dateTime(d.updatedAt),
              })}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
