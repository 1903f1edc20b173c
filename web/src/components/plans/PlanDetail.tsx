import { useState } from 'react';
import { Alert, App, Button, Flex, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCodeLabel } from '../../api/codeLists';
import {
  planRequests,
  useCatalogue,
  usePlanMutation,
  type Measure,
  type MeasureStatus,
  type Plan,
  type PlanView,
} from '../../api/plans';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';
import { AgreementModal } from './AgreementModal';
import { MeasureList } from './MeasureList';
import { MeasureNoteModal } from './MeasureNoteModal';

const PLAN_COLOR = { draft: 'gold', agreed: 'green', declined: 'red' } as const;

/**
 * One year's plan: status and agreement, the fit check against the causes, the measures; for an
 * editor, adding a measure, changing a measure's status and recording the agreement.
 */
export function PlanDetail({ view, plan, year }: { view: PlanView; plan: Plan; year: number }) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const fmt = useFormat();
  const label = useCodeLabel();
  const { message } = App.useApp();
  const mutation = usePlanMutation(view.household.id, year);
  const catalogue = useCatalogue(view.canEdit);
  const [adding, setAdding] = useState<string | undefined>();
  const [note, setNote] = useState<{ measure: Measure; status: MeasureStatus } | null>(null);
  const [agreeing, setAgreeing] = useState(false);

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409 && e.code === 'E_CONFLICT') {
      void message.warning(t('plans.conflict'));
      return;
    }
    void message.error(errorMessage(e));
  };
  const send = (r: ReturnType<(typeof planRequests)[keyof typeof planRequests]>, done?: () => void) =>
    mutation.mutate(r, {
      onSuccess: () => {
        void message.success(t('plans.saved'));
        done?.();
      },
      onError,
    });

  const changeStatus = (m: Measure, status: MeasureStatus) => {
    if (status === 'completed' || status === 'cancelled') setNote({ measure: m, status });
    else send(planRequests.updateMeasure(m.id, { version: m.version, status }));
  };

  const used = new Set(plan.measures.filter((m) => m.status !== 'cancelled').map((m) => m.catalogueCode));
  const agreementText =
    plan.status === 'agreed' && plan.agreedBy
      ? t('plans.agreementSummary', {
          by: plan.agreedBy,
          at: plan.agreedAt ? fmt.date(plan.agreedAt) : '—',
          method: plan.agreementMethod ? t(`plans.method.${plan.agreementMethod}`) : '—',
        })
      : plan.status === 'declined'
        ? t('plans.declinedSummary', {
            by: plan.agreedBy ?? '—',
            at: plan.agreedAt ? fmt.date(plan.agreedAt) : '—',
            reason: plan.declineReason ?? '',
          })
        : null;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <Tag color={PLAN_COLOR[plan.status]} data-testid="plan-status">
          {t(`plans.status.${plan.status}`)}
        </Tag>
        <Typography.Text type="secondary">
          {t('plans.ableToWork', { n: view.household.ableToWork })}
        </Typography.Text>
        {agreementText && <Typography.Text data-testid="plan-agreement">{agreementText}</Typography.Text>}
        {view.canEdit && (
          <Button size="small" onClick={() => setAgreeing(true)} data-testid="agreement-open">
            {t('plans.agreementOpen')}
          </Button>
        )}
      </Flex>
      {plan.fit.fits ? (
        <Alert type="success" showIcon title={t('plans.fits')} data-testid="plan-fit" data-fits="true" />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-fit"
          data-fits="false"
          title={t('plans.notFits')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {plan.fit.problems.map((p, i) => (
                <li key={i} data-testid="plan-fit-problem">
                  {p.message[lang]}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <MeasureList measures={plan.measures} canEdit={view.canEdit} onChangeStatus={changeStatus} />
      {view.canEdit && (
        <Flex wrap gap={8}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('plans.addPlaceholder')}
            value={adding}
            onChange={setAdding}
            style={{ flex: '1 1 220px', minWidth: 0 }}
            data-testid="measure-add-select"
            aria-label={t('plans.addMeasure')}
            options={(catalogue.data ?? [])
              .filter((e) => e.active && !used.has(e.code))
              .map((e) => ({
                value: e.code,
                label: `${lang === 'en' ? e.nameEn : e.nameZh}（${t(`plans.batch.${e.batch}`, { defaultValue: e.batch })}）`,
              }))}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!adding}
            loading={mutation.isPending}
            data-testid="measure-add"
            onClick={() =>
              adding &&
              send(planRequests.addMeasure(plan.id, { version: plan.version, catalogueCode: adding }), () =>
                setAdding(undefined),
              )
            }
          >
            {t('plans.add')}
          </Button>
        </Flex>
      )}
      {note && (
        <MeasureNoteModal
          status={note.status}
          pending={mutation.isPending}
          onCancel={() => setNote(null)}
          onOk={(text) =>
            send(
              planRequests.updateMeasure(note.measure.id, {
                version: note.measure.version,
                status: note.status,
                ...(note.status === 'completed' ? { outcome: text } : { reason: text }),
              }),
              () => setNote(null),
            )
          }
        />
      )}
      {agreeing && (
        <AgreementModal
          members={view.household.presentMembers}
          pending={mutation.isPending}
          onCancel={() => setAgreeing(false)}
          onOk={(body) =>
            send(planRequests.agreement(plan.id, { version: plan.version, ...body }), () =>
              setAgreeing(false),
            )
          }
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('plans.mainCause')}：{label('poverty_cause', view.household.mainCause)}
      </Typography.Text>
    </Flex>
  );
}
