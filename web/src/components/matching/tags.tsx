import { Tag } from 'antd';
import { useMatchLabel, type Flag, type FlagStatus } from '../../api/matching';

const EFFECT_COLORS: Record<Flag['effect'], string> = {
  block: 'red',
  exception: 'orange',
  warning: 'gold',
  help: 'blue',
};
const STATUS_COLORS: Record<FlagStatus, string> = {
  pending: 'processing',
  confirmed: 'red',
  dismissed: 'default',
};

export function EffectTag({ effect }: { effect: Flag['effect'] }) {
  const label = useMatchLabel();
  return <Tag color={EFFECT_COLORS[effect]}>{label('match_effect', effect)}</Tag>;
}

export function FlagStatusTag({ status, testId }: { status: FlagStatus; testId?: string }) {
  const label = useMatchLabel();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {label('match_status', status)}
    </Tag>
  );
}
