import { useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { useIssuePortalCodes } from '../../api/portal';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';
import { portalUrl } from './PortalAccessCard';

/** householdId → freshly issued access code, for the cards on screen only. */
export type CardCodes = Record<string, string>;

/**
 * Village card print view: "issue access codes" for every card household of the village
 * (POST /api/portal-codes with villageCode), after a warning that all previous codes and portal
 * sessions end. The codes go to the caller's state only (printed on the cards, never stored).
 * Hidden for roles that may not issue codes (editHouseholds in src/domain/roles.ts).
 */
export function IssueCardCodes({
  villageCode,
  count,
  issued,
  onIssued,
}: {
  villageCode: string;
  count: number;
  issued: boolean;
  onIssued: (codes: CardCodes) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useUser();
  const issue = useIssuePortalCodes();
  const [confirming, setConfirming] = useState(false);
  const [issuedAt, setIssuedAt] = useState<{ n: number; at: Date } | null>(null);
  if (user.role === 'organisation' || count === 0) return null;

  const doIssue = () =>
    issue.mutate(
      { villageCode },
      {
        onSuccess: ({ codes }) => {
          setConfirming(false);
          setIssuedAt({ n: codes.length, at: new Date() });
          onIssued(Object.fromEntries(codes.map((c) => [c.householdId, c.code])));
          issue.reset();
        },
      },
    );

  return (
    <>
      <Button
        danger
        icon={<KeyOutlined />}
        onClick={() => setConfirming(true)}
        disabled={issued}
        data-testid="card-issue-codes"
      >
        {t('portalAccess.printOption')}
      </Button>
      {issuedAt && (
        <Alert
          type="warning"
          showIcon
          style={{ flexBasis: '100%', maxWidth: 760 }}
          data-testid="card-codes-issued"
          title={t('portalAccess.printIssued', {
            n: issuedAt.n,
            at: fmt.dateTime(issuedAt.at.toISOString()),
          })}
        />
      )}
      <Modal
        open={confirming}
        title={t('portalAccess.printConfirmTitle', { n: count })}
        okText={t('portalAccess.confirmOk')}
        cancelText={t('portalAccess.cancel')}
        okButtonProps={{ danger: true, loading: issue.isPending, 'data-testid': 'card-issue-codes-confirm' }}
        onOk={doIssue}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('portalAccess.printConfirmText', { n: count })} />
        {issue.isError && (
          <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(issue.error)} />
        )}
      </Modal>
    </>
  );
}

/** The sign-in block printed on one household's card when a code was just issued. */
export function CardAccessCode({ householdNo, code }: { householdNo: string; code: string }) {
  const { t } = useTranslation();
  return (
    <div
      data-testid="card-access-code"
      style={{ marginTop: 8, border: '1px dashed #000', padding: '4px 6px' }}
    >
      <strong>{t('portalAccess.cardTitle')}</strong>
      <div style={{ overflowWrap: 'anywhere' }}>
        {t('portalAccess.cardText', { url: portalUrl(), householdNo, code })}
      </div>
      <div style={{ fontSize: 10.5 }}>{t('portalAccess.cardNote')}</div>
    </div>
  );
}
