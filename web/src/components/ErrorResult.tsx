import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './LinkButton';
import { isApiError, NETWORK_ERROR } from '../api/client';
import i18n from '../i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

interface Props {
  error: unknown;
  /** What was asked for, to word 403 and 404 answers. */
  subject?: 'household' | 'region' | 'page';
  onRetry?: () => void;
}

/** A full-page answer to a failed request: out of scope, not found, or a retryable failure. */
export function ErrorResult({ error, subject = 'page', onRetry }: Props) {
  const { t } = useTranslation();
  const home = (
    <LinkButton to="/dashboard" type="primary" key="home">
      {t('common.backHome')}
    </LinkButton>
  );
  if (isApiError(error) && error.status === 403) {
    const text =
      error.code === 'E_OUT_OF_SCOPE'
        ? subject === 'household'
          ? t('errors.householdOutOfScope')
          : t('errors.regionOutOfScope')
        : t('errors.forbidden');
    return (
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={text}
        extra={home}
        data-testid="result-forbidden"
      />
    );
  }
  if (isApiError(error) && error.status === 404) {
    const text =
      subject === 'household'
        ? t('errors.householdNotFound')
        : subject === 'region'
          ? t('errors.regionNotFound')
          : t('errors.pageNotFound');
    return (
      <Result
        status="404"
        title={t('errors.notFoundTitle')}
        subTitle={text}
        extra={home}
        data-testid="result-not-found"
      />
    );
  }
  const message =
    isApiError(error) && error.code === NETWORK_ERROR ? t('errors.network') : errorMessage(error);
  return (
    <Result
      status="error"
      title={t('errors.loadFailed')}
      subTitle={message}
      data-testid="result-error"
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : (
          home
        )
      }
    />
  );
}

/**
 * A failed request in words: a summary of its stable error code in the user's language
 * (`apiErrors.*`), then the server's message, which names what and where. In Chinese the server's
 * Chinese (`details.messageZh`, or per field) stands in for its English; English alone is not put
 * into a Chinese sentence — the summary then speaks alone (docs/ui.md "The language check").
 */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (!isApiError(error)) return text;
  const english = i18n.language === 'en';
  const summaries: Record<string, string | undefined> = (english ? en : zhCN).apiErrors;
  const summary = summaries[error.code];
  const zh = english ? null : (schemaDetailZh(error.details) ?? messageZh(error.details));
  const detail = english ? text : (zh ?? (/[\u4e00-\u9fff]/.test(text) ? text : null));
  if (!summary) return detail ?? text;
  return detail ? i18n.t('errors.withDetail', { summary, detail }) : summary;
}

/** The Chinese message a service put beside its English one (`new AppError(code, en, { messageZh })`). */
function messageZh(details: unknown): string | null {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return null;
  const zh = (details as { messageZh?: unknown }).messageZh;
  return typeof zh === 'string' && zh ? zh : null;
}

/**
 * A request the server's schema refused names its field and says why in Chinese too
 * (`details[].messageZh`): "villageCode：至少 12 个字符" rather than zod's English.
 */
function schemaDetailZh(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const parts = details
    .filter((d): d is { field: string; messageZh: string } => typeof d?.messageZh === 'string')
    .map((d) => `${String(d.field).replace(/^(body|querystring|params)\.?/, '') || '请求'}：${d.messageZh}`);
  return parts.length ? parts.slice(0, 3).join('；') : null;
}
