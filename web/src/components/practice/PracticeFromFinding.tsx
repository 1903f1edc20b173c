import { useState } from 'react';
import { Button } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PracticeForm, type PracticeDraft } from './PracticeForm';

/**
 * A button beside an idle-project finding or a handled grievance: opens the practice form pre-filled
 * from it (a failure or a problem to learn from), the entry keeping where it came from.
 */
export function PracticeFromFinding({ draft, testId }: { draft: PracticeDraft; testId?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        icon={<BookOutlined />}
        onClick={() => setOpen(true)}
        data-testid={testId ?? 'practice-from-finding'}
      >
        {t('practice.fromFinding')}
      </Button>
      {open && <PracticeForm open onClose={() => setOpen(false)} draft={draft} />}
    </>
  );
}
