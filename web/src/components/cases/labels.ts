import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Labels of case kinds, states, actions, roles, rules and decisions; unknown codes show as they are. */
export function useCaseLabels() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const lookup = (prefix: string) => (code: string) => {
      const key = `${prefix}.${code}`;
      return i18n.exists(key) ? t(key as never) : code;
    };
    return {
      kind: lookup('caseKind'),
      state: lookup('caseState'),
      action: lookup('caseAction'),
      rule: lookup('rules.name'),
      decision: lookup('rules.decision'),
      signer: lookup('cases.signer'),
      missing: (key: string) => lookup('missing')(key.replace(/\./g, '_')),
      role: (r: string) =>
        r === 'civil_affairs' ? (i18n.language === 'en' ? 'civil affairs' : '民政') : lookup('role')(r),
    };
  }, [t, i18n]);
}

/** State colours: closed outcomes green or grey, waiting steps blue. */
export function stateColor(state: string, final: boolean): string {
  if (!final) return state === 'monitored' ? 'orange' : 'processing';
  return ['rejected', 'withdrawn', 'denied', 'not_included'].includes(state) ? 'default' : 'success';
}
