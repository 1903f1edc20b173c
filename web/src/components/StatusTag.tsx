import { Tag } from 'antd';
import { useCodeLabel } from '../api/codeLists';

const COLORS: Record<string, string> = {
  none: 'default',
  poor: 'red',
  exited: 'green',
  returned: 'volcano',
  monitored: 'orange',
  risk_removed: 'cyan',
};

/** A household status as a coloured tag, labelled from the code list. */
export function StatusTag({ status }: { status: string }) {
  const label = useCodeLabel();
  return <Tag color={COLORS[status] ?? 'default'}>{label('household_status', status)}</Tag>;
}
