import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Modal, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIssuePortalCodes, usePortalAccessStatus, type IssuedAccessCode } from '../../api/portal';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';

/** The household portal's address as the household types it (this server's origin + /portal). */
export const portalUrl = () => `${window.location.origin}/portal`;

/**
 * When the household's code was issued and the wrong sign-ins since (GET /api/portal-codes/{id}): a
 * household being guessed at, or one that lost its code, shows here; a new code clears the count.
 */
function AccessStatusLine({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = usePortalAccessStatus(householdId).data;
  if (!s) return null;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="portal-code-status">
        {s.issuedAt ? t('portalAccess.issuedAt', { at: fmt.dateTime(s.issuedAt) }) : t('portalAccess.noCode')}
      </Typography.Paragraph>
      {s.failedSignIns > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="portal-code-failures"
          title={t('portalAccess.failures', { count: s.failedSignIns, since: fmt.dateTime(s.failedSince) })}
          description={
            s.slowedUntil ? t('portalAccess.slowedUntil', { at: fmt.dateTime(s.slowedUntil) }) : undefined
          }
        />
      )}
    </>
  );
}

/**
 * Household page: issue or reset the household's portal access code (POST /api/portal-codes; staff
 * allowed to edit households, in scope). After a confirmation that the old code and sessions end, the
 * new code is shown once in a modal; it lives only in this component's state and is dropped on close.
 */
export function PortalAccessCard({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const issue = useIssuePortalCodes();
  const [confirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<IssuedAccessCode | null>(null);

  const doIssue = () =>
    issue.mutate(
      { householdIds: [householdId] },
      {
        onSuccess: ({ codes }) => {
          setConfirming(false);
          setIssued(codes[0] ?? null);
          void message.success(t('portalAccess.issued'));
        },
      },
    );
  const closeIssued = () => {
    setIssued(null);
    issue.reset(); // forget the response, code included
  };

  return (
    <Card
      title={t('portalAccess.title')}
      data-testid="portal-access-card"
      extra={
        <Button icon={<KeyOutlined />} onClick={() => setConfirming(true)} data-testid="portal-code-issue">
          {t('portalAccess.issue')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {t('portalAccess.intro', { url: portalUrl() })}
      </Typography.Paragraph>
      <AccessStatusLine householdId={householdId} />

      <Modal
        open={confirming}
        title={t('portalAccess.confirmTitle')}
        okText={t('portalAccess.confirmOk')}
        cancelText={t('portalAccess.cancel')}
        okButtonProps={{ danger: true, loading: issue.isPending, 'data-testid': 'portal-code-confirm' }}
        onOk={doIssue}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('portalAccess.confirmText')} />
        {issue.isError && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(issue.error)} />
        )}
      </Modal>

      <Modal
        open={!!issued}
        title={t('portalAccess.issuedTitle')}
        closable={false}
        maskClosable={false}
        keyboard={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={closeIssued} data-testid="portal-code-close">
            {t('portalAccess.close')}
          </Button>
        }
      >
        {issued && (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                {
                  key: 'no',
                  label: t('portalAccess.householdNo'),
                  children: <span data-testid="portal-code-household-no">{issued.householdNo}</span>,
                },
                {
                  key: 'code',
                  label: t('portalAccess.code'),
                  children: (
                    <Typography.Text
                      strong
                      copyable={{ text: issued.code }}
                      style={{ fontFamily: 'monospace', fontSize: 22, letterSpacing: 2 }}
                    >
                      <span data-testid="portal-code-value">{issued.code}</span>
                    </Typography.Text>
                  ),
                },
                {
                  key: 'url',
                  label: t('portalAccess.address'),
                  children: <span style={{ overflowWrap: 'anywhere' }}>{portalUrl()}</span>,
                },
              ]}
            />
            <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('portalAccess.instructions')} />
          </>
        )}
      </Modal>
    </Card>
  );
}
