import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { useHouseholdFlags } from '../../api/matching';
import { useIsMobile } from '../responsive';
import { FlagTable } from './FlagTable';

/** The findings of department lists on one household (for its page). */
export function HouseholdFlags({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const mobile = useIsMobile();
  const flags = useHouseholdFlags(householdId);
  const items = flags.data?.items ?? [];
  return (
    <Card title={t('matching.householdFlags')} size="small" data-testid="household-flags">
      {items.length === 0 && !flags.isFetching ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('matching.noFlags')} />
      ) : (
        <FlagTable
          flags={items}
          loading={flags.isFetching}
          canReview={user.permissions.reviewMatches}
          mobile={mobile}
          pagination={false}
        />
      )}
    </Card>
  );
}
