import { Typography } from 'antd';
import { Link } from 'react-router-dom';

interface Props {
  householdId: string;
  headName: string | null | undefined;
  householdNo: string;
  /** Shown when the head's name is missing (nothing by default). */
  fallback?: string;
  testId?: string;
}

/** A household in a list: the head's name, then the household number in grey, opening the household page. */
export function HouseholdLink({ householdId, headName, householdNo, fallback, testId }: Props) {
  return (
    <Link to={`/households/${householdId}`} data-testid={testId}>
      {headName ?? fallback} <Typography.Text type="secondary">{householdNo}</Typography.Text>
    </Link>
  );
}
