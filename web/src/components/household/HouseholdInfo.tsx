import { Card, Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLabel } from '../../api/codeLists';
import type { HouseholdDetail } from '../../api/households';
import { useFormat } from '../../i18n/format';

const COLUMNS: DescriptionsProps['column'] = { xs: 1, sm: 2, lg: 3, xxl: 4 };

function useYesNo() {
  const { t } = useTranslation();
  return (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'));
}

const text = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : String(v);

/** Registration facts: numbers, contact, bank, identification and status. */
export function BasicInfo({ h, villagePath }: { h: HouseholdDetail; villagePath: string }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const fmt = useFormat();
  const yesNo = useYesNo();
  const items: DescriptionsProps['items'] = [
    { key: 'householdNo', label: t('household.field.householdNo'), children: h.householdNo },
    { key: 'headName', label: t('household.field.headName'), children: text(h.headName) },
    { key: 'size', label: t('household.field.size'), children: fmt.number(h.size) },
    { key: 'village', label: t('household.field.village'), children: villagePath || h.villageCode },
    { key: 'groupNo', label: t('household.field.groupNo'), children: text(h.groupNo) },
    { key: 'address', label: t('household.field.address'), children: text(h.address) },
    {
      key: 'phone',
      label: t('household.field.phone'),
      children: <span data-testid="household-phone">{text(h.phone)}</span>,
    },
    { key: 'bankName', label: t('household.field.bankName'), children: text(h.bankName) },
    {
      key: 'bankAccount',
      label: t('household.field.bankAccount'),
      children: <span data-testid="household-bank-account">{text(h.bankAccount)}</span>,
    },
    {
      key: 'householdType',
      label: t('household.field.householdType'),
      children: label('household_type', h.householdType),
    },
    { key: 'status', label: t('household.field.status'), children: label('household_status', h.status) },
    { key: 'statusDate', label: t('household.field.statusDate'), children: fmt.date(h.statusDate) },
    {
      key: 'idStandard',
      label: t('household.field.idStandard'),
      children: label('id_standard', h.idStandard),
    },
    { key: 'registeredYear', label: t('household.field.registeredYear'), children: text(h.registeredYear) },
    { key: 'exitYear', label: t('household.field.exitYear'), children: text(h.exitYear) },
    {
      key: 'monitoringCategory',
      label: t('household.field.monitoringCategory'),
      children: label('monitoring_category', h.monitoringCategory),
    },
    {
      key: 'industryType',
      label: t('household.field.industryType'),
      children: label('industry_type', h.industryType),
    },
    { key: 'coopMember', label: t('household.field.coopMember'), children: yesNo(h.coopMember) },
    { key: 'enterpriseTie', label: t('household.field.enterpriseTie'), children: yesNo(h.enterpriseTie) },
  ];
  return (
    <Card title={t('household.basic')} data-testid="household-basic">
      <Descriptions size="small" column={COLUMNS} items={items} />
    </Card>
  );
}

/** Land, housing, utilities and distances (the "two assurances, three guarantees" facts). */
export function LivingConditions({ h }: { h: HouseholdDetail }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const fmt = useFormat();
  const yesNo = useYesNo();
  const unit = (v: number | null, key: 'common.mu' | 'common.m2' | 'common.km') =>
    v === null ? '—' : t(key, { value: fmt.number(v) });
  const items: DescriptionsProps['items'] = [
    {
      key: 'landCultivatedMu',
      label: t('household.field.landCultivatedMu'),
      children: unit(h.landCultivatedMu, 'common.mu'),
    },
    {
      key: 'landForestMu',
      label: t('household.field.landForestMu'),
      children: unit(h.landForestMu, 'common.mu'),
    },
    {
      key: 'houseAreaM2',
      label: t('household.field.houseAreaM2'),
      children: unit(h.houseAreaM2, 'common.m2'),
    },
    {
      key: 'houseStructure',
      label: t('household.field.houseStructure'),
      children: label('house_structure', h.houseStructure),
    },
    { key: 'houseYear', label: t('household.field.houseYear'), children: text(h.houseYear) },
    {
      key: 'houseGrade',
      label: t('household.field.houseGrade'),
      children: label('house_grade', h.houseGrade),
    },
    { key: 'relocated', label: t('household.field.relocated'), children: yesNo(h.relocated) },
    { key: 'electricity', label: t('household.field.electricity'), children: yesNo(h.electricity) },
    { key: 'fuel', label: t('household.field.fuel'), children: label('fuel', h.fuel) },
    { key: 'safeWater', label: t('household.field.safeWater'), children: yesNo(h.safeWater) },
    { key: 'sanitaryToilet', label: t('household.field.sanitaryToilet'), children: yesNo(h.sanitaryToilet) },
    { key: 'pavedAccess', label: t('household.field.pavedAccess'), children: yesNo(h.pavedAccess) },
    {
      key: 'roadDistanceKm',
      label: t('household.field.roadDistanceKm'),
      children: unit(h.roadDistanceKm, 'common.km'),
    },
    {
      key: 'marketDistanceKm',
      label: t('household.field.marketDistanceKm'),
      children: unit(h.marketDistanceKm, 'common.km'),
    },
  ];
  return (
    <Card title={t('household.living')} data-testid="household-living">
      <Descriptions size="small" column={COLUMNS} items={items} />
    </Card>
  );
}
