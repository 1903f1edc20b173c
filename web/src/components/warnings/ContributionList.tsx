import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contribution } from '../../api/warnings';
import { useLang } from '../../i18n';

/** The contributions of a risk score: points and the reason in plain words. */
export function ContributionList({ items, testId }: { items: Contribution[]; testId?: string }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  return (
    <Flex vertical gap={2} data-testid={testId}>
      {items.map((c, i) => (
        <Flex key={`${c.criterion}-${c.signalId ?? i}`} gap={6} align="baseline">
          <Tag color={c.points > 0 ? 'volcano' : 'default'} style={{ minWidth: 56, textAlign: 'right' }}>
            {t('warnings.points', {
              points: (c.points > 0 ? '+' : '') + String(Math.round(c.points * 10) / 10),
            })}
          </Tag>
          <Typography.Text type={c.points > 0 ? undefined : 'secondary'} style={{ wordBreak: 'break-word' }}>
            {en ? c.label_en : c.label_zh}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
