import { useUser } from '../../api/auth';

/** Township officers and above keep pairs, targets and projects (the server checks again). */
export function useIsManager(): boolean {
  return useUser().permissions.manageAssistance;
}
