import { Alert, Button, Checkbox, Flex, List, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CheckResult, SubmitResult } from '../../api/registration';
import { useLang } from '../../i18n';
import { useFieldLabels, type FieldKey } from './fields';
import { stepOf } from './steps';

/**
 * The check step of the registration form: the errors (in the page's language, each opening its
 * step), the near duplicates to confirm and the red lines; and the result of a submit.
 */
export function CheckView({
  checked,
  goTo,
  confirmed,
  setConfirmed,
}: {
  checked: CheckResult;
  goTo: (step: number) => void;
  confirmed: boolean;
  setConfirmed: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useFieldLabels();
  const place = (field: string) => {
    const [part, a, b] = field.split('.');
    const key = (part === 'members' ? b : a) as FieldKey;
    const label = labels[key] ?? key ?? field;
    return part === 'members' ? `${t('registration.member', { n: Number(a) + 1 })} ${label}` : label;
  };
  return (
    <Flex vertical gap={12} data-testid="reg-check">
      {checked.ok ? (
        <Alert type="success" showIcon message={t('registration.ok')} data-testid="reg-check-ok" />
      ) : (
        <Alert
          type="error"
          showIcon
          message={t('registration.errors', { n: checked.errors.length })}
          description={
            <List
              size="small"
              dataSource={checked.errors}
              renderItem={(e) => (
                <List.Item data-testid={`reg-error-${e.code}`}>
                  <Typography.Link onClick={() => goTo(stepOf(e.field))}>
                    {t('registration.errorAt', {
                      place: place(e.field),
                      message: lang === 'en' ? e.message : e.messageZh,
                    })}
                  </Typography.Link>
                </List.Item>
              )}
            />
          }
        />
      )}
      {checked.nearDuplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="reg-near-duplicates"
          message={t('registration.nearDuplicates')}
          description={
            <>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {checked.nearDuplicates.map((d, i) => (
                  <li key={i} data-testid={`reg-near-duplicate-${d.memberIndex}`}>
                    {t('registration.nearDuplicate', {
                      member: d.memberIndex + 1,
                      name: d.name,
                      birth: d.birthDate,
                      village: d.villageName ?? d.villageCode,
                      household: d.householdNo ?? t('registration.householdElsewhere'),
                    })}
                  </li>
                ))}
              </ul>
              <Checkbox
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
                data-testid="reg-confirm-near-duplicates"
                style={{ marginTop: 8 }}
              >
                {t('registration.confirmNearDuplicates')}
              </Checkbox>
            </>
          }
        />
      )}
      <Alert
        type={checked.redLines.length ? 'warning' : 'info'}
        message={checked.redLines.length ? t('registration.redLines') : t('registration.noRedLines')}
        description={
          checked.redLines.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {checked.redLines.map((r, i) => (
                <li key={i} data-testid={`reg-redline-${r.key}`}>
                  {lang === 'en' ? r.label_en : r.label_zh}
                </li>
              ))}
            </ul>
          )
        }
      />
    </Flex>
  );
}

export function Done({ done, onDone }: { done: SubmitResult; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status={done.caseError ? 'warning' : 'success'}
      title={t('registration.done', { no: done.householdNo })}
      subTitle={done.caseError ? t('registration.caseError', { message: done.caseError }) : undefined}
      data-testid="reg-done"
      extra={[
        done.caseId && (
          <Link key="case" to={`/cases/${done.caseId}`} data-testid="reg-open-case">
            <Button type="primary">{t('registration.openCase')}</Button>
          </Link>
        ),
        <Link key="hh" to={`/households/${done.householdId}`} onClick={onDone}>
          <Button>{t('registration.openHousehold')}</Button>
        </Link>,
      ]}
    />
  );
}
