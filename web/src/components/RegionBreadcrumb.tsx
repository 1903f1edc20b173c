import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useRegionPath, type RegionRef } from '../api/regions';

interface Props {
  /** The region shown; '' = the user's scope. */
  code: string;
  /** Where a crumb links to. */
  to: (code: string) => string;
}

/**
 * The region path as a breadcrumb. Regions above the user's scope are shown as plain text (the user
 * may not open them); the region itself is the last crumb, not a link.
 */
export function RegionBreadcrumb({ code, to }: Props) {
  const { t } = useTranslation();
  const user = useUser();
  const effective = code || user.scope.code;
  const { data } = useRegionPath(effective);
  const crumbs: RegionRef[] = [];
  if (user.scope.code === '') crumbs.push({ code: '', name: t('region.country'), level: 0 });
  if (data) crumbs.push(...data.items);
  else if (effective !== '')
    crumbs.push({
      code: effective,
      name: effective === user.scope.code ? user.scope.name : effective,
      level: 0,
    });
  const items = crumbs.map((r, i) => {
    const last = i === crumbs.length - 1;
    const reachable = r.code.startsWith(user.scope.code);
    return {
      key: r.code || 'country',
      title:
        last || !reachable ? (
          <span data-testid={last ? 'breadcrumb-current' : undefined}>{r.name}</span>
        ) : (
          <Link to={to(r.code)}>{r.name}</Link>
        ),
    };
  });
  return <Breadcrumb items={items} data-testid="region-breadcrumb" />;
}
