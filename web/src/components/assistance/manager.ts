import { useUser } from '../../api/auth';

/** Township officers and above keep pairs, targets and projects (as src/modules/projects/access.ts; the server checks again). */
export function useIsManager(): boolean {
  const role = useUser().role;
  return role === 'admin' || role === 'county_officer' || role === 'township_officer';
}
