import { BulbOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { Guidance } from '../../../../src/domain/guidance';
import { useLang } from '../../i18n';

/** The labels of a guidance note: data beside the guidance itself (src/domain/guidance). */
const LABELS = {
  check: { zh: '核实要点', en: 'What to check' },
  tell: { zh: '告诉农户', en: 'What to tell the household' },
};

/**
 * Short guidance for a cadre (issue 21 item 8): what to check and what to tell the household, in the
 * page's language. Renders nothing when no guidance is written for the target.
 */
export function GuidanceNote({ guidance, testId }: { guidance: Guidance | null; testId?: string }) {
  const lang = useLang() === 'en' ? 'en' : 'zh';
  if (!guidance) return null;
  return (
    <div
      data-testid={testId ?? 'guidance'}
      style={{ background: 'rgba(22,119,255,0.06)', borderRadius: 6, padding: '6px 10px' }}
    >
      <Typography.Paragraph style={{ margin: 0 }}>
        <BulbOutlined /> <Typography.Text strong>{LABELS.check[lang]}：</Typography.Text>
        {guidance.check[lang]}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ margin: 0 }}>
        <Typography.Text strong>{LABELS.tell[lang]}：</Typography.Text>
        {guidance.tell[lang]}
      </Typography.Paragraph>
    </div>
  );
}
