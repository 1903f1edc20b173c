/**
 * Policies a household enjoys (享受政策), as printed on its card 明白卡: read from the registry's
 * facts (dibao and special-hardship rolls, insurance, students, disability, relocation, ecological
 * compensation, welfare jobs) and from the plan's measures that are under way or completed.
 */
export interface PolicyMember {
  name: string;
  status: string;
  isDibao: boolean;
  isTekun: boolean;
  insBasicMedical: boolean;
  insCriticalIllness: boolean;
  insMedicalAssistance: boolean;
  insPension: boolean;
  studentStatus: string | null;
  disabilityGrade: number | null;
  welfareJobMonths: number | null;
}

export interface PolicyInput {
  members: readonly PolicyMember[];
  relocated: boolean;
  ecoCompensation: number;
  measures: readonly { nameZh: string; nameEn: string; status: string; amount: number | null }[];
}

export interface Policy {
  code: string;
  zh: string;
  en: string;
  /** Names of the members it concerns (empty: the household). */
  who: string[];
}

const IN_SCHOOL = [
  'preschool',
  'primary',
  'junior',
  'senior',
  'vocational',
  'higher_vocational',
  'university',
];

export function policiesEnjoyed(p: PolicyInput): Policy[] {
  const present = p.members.filter((m) => m.status === 'present' || !m.status);
  const out: Policy[] = [];
  const add = (code: string, zh: string, en: string, who: PolicyMember[] | null) => {
    if (who === null || who.length) out.push({ code, zh, en, who: (who ?? []).map((m) => m.name) });
  };
  add(
    'dibao',
    '农村最低生活保障',
    'rural dibao',
    present.filter((m) => m.isDibao),
  );
  add(
    'tekun',
    '特困人员救助供养',
    'special hardship support',
    present.filter((m) => m.isTekun),
  );
  add(
    'basic_medical',
    '城乡居民基本医疗保险',
    'basic medical insurance',
    present.filter((m) => m.insBasicMedical),
  );
  add(
    'critical_illness',
    '大病保险',
    'critical illness insurance',
    present.filter((m) => m.insCriticalIllness),
  );
  add(
    'medical_assistance',
    '医疗救助',
    'medical assistance',
    present.filter((m) => m.insMedicalAssistance),
  );
  add(
    'pension',
    '城乡居民养老保险',
    'residents’ pension insurance',
    present.filter((m) => m.insPension),
  );
  add(
    'education',
    '学生资助（两免一补等）',
    'student aid',
    present.filter((m) => IN_SCHOOL.includes(m.studentStatus ?? '')),
  );
  // health and disability are masked data: the card names no member for them
  if (present.some((m) => m.disabilityGrade !== null))
    add('disability', '残疾人两项补贴', 'disability subsidies', null);
  add(
    'welfare_job',
    '公益性岗位',
    'public-welfare job',
    present.filter((m) => (m.welfareJobMonths ?? 0) > 0),
  );
  if (p.relocated) add('relocation', '易地扶贫搬迁', 'relocation', null);
  if (p.ecoCompensation > 0) add('eco_compensation', '生态补偿', 'ecological compensation', null);
  const seen = new Set(out.map((x) => x.zh));
  for (const m of p.measures)
    if ((m.status === 'in_progress' || m.status === 'completed') && !seen.has(m.nameZh)) {
      seen.add(m.nameZh);
      out.push({ code: 'measure', zh: m.nameZh, en: m.nameEn, who: [] });
    }
  return out;
}
