import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePost } from '../../api/participation';
import { errorMessage } from '../ErrorResult';

/**
 * A participation POST with the page's feedback: "done" on success (then `after`), the error's
 * message on failure. Every participation query is refreshed by `usePost`.
 */
export function useParticipationAction() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const post = usePost();
  const run = (path: string, body: Record<string, unknown> = {}, after?: () => void) =>
    post.mutate(
      { path, body },
      {
        onSuccess: () => {
          void message.success(t('part.portal.done'));
          after?.();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return { run, pending: post.isPending };
}
