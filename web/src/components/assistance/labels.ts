import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Label of a code of one group of the assistance catalogue (e.g. 'linkage', 'dividend'); unknown codes as they are. */
export function useAssistanceLabel() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: string, code: string) => {
      const key = `assistance.${group}.${code}`;
      return i18n.exists(key) ? t(key as never) : code;
    },
    [t, i18n],
  );
}
