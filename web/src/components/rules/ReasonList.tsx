import { Flex, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../../api/rules';
import { useLang } from '../../i18n';

/**
 * A rule's reasons as a cadre reads them out: met / not met for deciding criteria, plain text for
 * considerations, and a separate list of facts still to check at the household (`data.*`).
 */
export function ReasonList({ reasons, testId }: { reasons: Reason[]; testId?: string }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const label = (r: Reason) => (en ? r.label_en : r.label_zh);
  const gaps = reasons.filter((r) => r.criterion.startsWith('data.'));
  const main = reasons.filter((r) => !r.criterion.startsWith('data.'));
  return (
    <Flex vertical gap={4} data-testid={testId}>
      {main.map((r) => (
        <Flex key={r.criterion} gap={8} align="baseline" data-testid={`reason-${r.criterion}`}>
          {!r.binding ? (
            <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={t('rules.consideration')} />
          ) : r.passed ? (
            <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('rules.passed')} />
          ) : (
            <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label={t('rules.failed')} />
          )}
          <Typography.Text type={r.binding ? undefined : 'secondary'}>{label(r)}</Typography.Text>
        </Flex>
      ))}
      {gaps.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" strong>
            {t('rules.gaps')}
          </Typography.Text>
          <ul style={{ margin: '2px 0 0', paddingInlineStart: 20 }}>
            {gaps.map((r) => (
              <li key={r.criterion}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {label(r)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Flex>
  );
}
