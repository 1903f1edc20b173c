import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from './catalogue.js';
import { deadlineOf, draftPlan, type DraftMember } from './draft.js';
import { catalogueMap, checkFit } from './fit.js';
import { policiesEnjoyed } from './policies.js';

const entry = (
  code: string,
  batch: CatalogueEntry['batch'],
  measureType: string,
  causes: string[],
  o: Partial<CatalogueEntry> = {},
): CatalogueEntry => ({
  code,
  nameZh: code,
  nameEn: code,
  batch,
  measureType,
  causes,
  conditions: [],
  labour: 'any',
  fundingSource: '资金',
  defaultAmount: 1000,
  responsibleUnit: '县局',
  months: 12,
  sort: 0,
  active: true,
  ...o,
});

/** A small catalogue shaped like the seeded one (migration 008). */
const CATALOGUE: CatalogueEntry[] = [
  entry('industry_subsidy', 'production', 'industry', ['capital', 'land', 'skills'], {
    labour: 'able',
    sort: 10,
  }),
  entry('skills_training', 'production', 'employment', ['skills'], { labour: 'able', sort: 40 }),
  entry('welfare_job', 'production', 'welfare_job', ['labour', 'illness'], { labour: 'able', sort: 60 }),
  entry('education_aid', 'education', 'education', ['schooling'], { conditions: ['student'], sort: 300 }),
  entry('family_doctor', 'social_security', 'health', ['illness', 'disability'], {
    conditions: ['illness'],
    sort: 400,
  }),
  entry('medical_assistance', 'social_security', 'health', ['illness'], { sort: 420 }),
  entry('disability_subsidy', 'social_security', 'social_help', ['disability'], {
    conditions: ['disability'],
    sort: 430,
    defaultAmount: 1200,
  }),
  entry('dibao', 'social_security', 'social_security', ['labour', 'illness'], {
    labour: 'unable',
    sort: 450,
  }),
  entry('retired', 'production', 'industry', ['capital'], { active: false, sort: 1 }),
];
const MAP = catalogueMap(CATALOGUE);

const member = (o: Partial<DraftMember> = {}): DraftMember => ({
  labourCapacity: 'ordinary',
  health: 'healthy',
  disabilityGrade: null,
  studentStatus: 'not_student',
  status: 'present',
  ...o,
});

const live = (codes: string[], status = 'planned') =>
  codes.map((c) => ({ catalogueCode: c, measureType: MAP.get(c)!.measureType, status }));

describe('checkFit', () => {
  it('passes a plan that answers every cause and has a development measure where someone can work', () => {
    const r = checkFit(
      {
        mainCause: 'illness',
        otherCauses: ['skills'],
        ableToWork: 1,
        measures: live(['medical_assistance', 'skills_training']),
      },
      MAP,
    );
    expect(r.problems).toEqual([]);
    expect(r.fits).toBe(true);
    expect(r.answered).toEqual([
      { cause: 'illness', main: true, by: ['medical_assistance'] },
      { cause: 'skills', main: false, by: ['skills_training'] },
    ]);
  });

  it('names the other cause left unanswered', () => {
    const r = checkFit(
      { mainCause: 'illness', otherCauses: ['schooling'], ableToWork: 1, measures: live(['welfare_job']) },
      MAP,
    );
    expect(r.fits).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'cause_unanswered', cause: 'schooling' });
    expect(r.problems[0]!.message.zh).toContain('其他致贫原因“因学”');
    expect(r.problems[0]!.message.en).toContain('schooling costs');
  });

  it('does not count cancelled measures', () => {
    const r = checkFit(
      {
        mainCause: 'schooling',
        otherCauses: [],
        ableToWork: 1,
        measures: [...live(['education_aid'], 'cancelled'), ...live(['industry_subsidy'])],
      },
      MAP,
    );
    expect(r.problems.map((p) => p.kind)).toEqual(['cause_unanswered']);
    expect(r.problems[0]!.message.zh).toContain('主要致贫原因');
  });

  it('asks for a development measure when someone can work', () => {
    const r = checkFit(
      { mainCause: 'illness', otherCauses: [], ableToWork: 2, measures: live(['medical_assistance']) },
      MAP,
    );
    expect(r.problems.map((p) => p.kind)).toEqual(['no_development']);
  });

  it('asks for social security when no one can work', () => {
    const r = checkFit(
      { mainCause: 'illness', otherCauses: [], ableToWork: 0, measures: live(['medical_assistance']) },
      MAP,
    );
    expect(r.problems.map((p) => p.kind)).toEqual(['no_social_security']);
    expect(
      checkFit(
        {
          mainCause: 'illness',
          otherCauses: [],
          ableToWork: 0,
          measures: live(['medical_assistance', 'dibao']),
        },
        MAP,
      ).fits,
    ).toBe(true);
  });

  it('flags an empty plan and answers "other" by any measure', () => {
    const empty = checkFit({ mainCause: 'other', otherCauses: [], ableToWork: 1, measures: [] }, MAP);
    expect(empty.problems.map((p) => p.kind)).toEqual(['no_measures', 'cause_unanswered', 'no_development']);
    const other = checkFit(
      { mainCause: 'other', otherCauses: [], ableToWork: 1, measures: live(['industry_subsidy']) },
      MAP,
    );
    expect(other.fits).toBe(true);
  });
});

describe('draftPlan', () => {
  const codes = (ms: { catalogueCode: string }[]) => ms.map((m) => m.catalogueCode).sort();

  it('answers the main cause with two measures, others with one, and adds development for the able', () => {
    const d = draftPlan(
      { mainCause: 'illness', otherCauses: ['skills'], houseGrade: 'A', members: [member(), member()] },
      CATALOGUE,
      '2025-03-01',
    );
    // illness (able): welfare_job (60) then family_doctor (400); skills: industry_subsidy (10)
    expect(codes(d)).toEqual(['family_doctor', 'industry_subsidy', 'welfare_job']);
    expect(d.find((m) => m.catalogueCode === 'welfare_job')).toMatchObject({
      because: 'illness',
      startDate: '2025-03-01',
      deadline: '2026-02-28',
      amount: 1000,
    });
  });

  it('gives a household without labour social security and never an "able" measure', () => {
    const d = draftPlan(
      {
        mainCause: 'disability',
        otherCauses: [],
        houseGrade: null,
        members: [member({ labourCapacity: 'none', health: 'disabled', disabilityGrade: 2 })],
      },
      CATALOGUE,
      '2025-01-01',
    );
    expect(codes(d)).toEqual(['dibao', 'disability_subsidy', 'family_doctor']);
    expect(d.find((m) => m.catalogueCode === 'dibao')!.because).toBe('social_security');
  });

  it('adds measures for conditions that are not recorded causes, scaled by the members concerned', () => {
    const d = draftPlan(
      {
        mainCause: 'capital',
        otherCauses: [],
        houseGrade: 'B',
        members: [
          member(),
          member({ labourCapacity: 'none', studentStatus: 'primary' }),
          member({ labourCapacity: 'none', studentStatus: 'junior' }),
          member({ labourCapacity: 'none', studentStatus: 'junior', status: 'moved_out' }),
        ],
      },
      CATALOGUE,
      '2025-01-01',
    );
    expect(codes(d)).toEqual(['education_aid', 'industry_subsidy']);
    expect(d.find((m) => m.catalogueCode === 'education_aid')).toMatchObject({
      because: 'condition:student',
      amount: 2000,
    });
  });

  it('never drafts an inactive entry, and every draft passes the fit check', () => {
    const households = [
      { mainCause: 'capital', otherCauses: ['labour'], houseGrade: null, members: [member()] },
      {
        mainCause: 'labour',
        otherCauses: [],
        houseGrade: null,
        members: [member({ labourCapacity: 'lost' })],
      },
      {
        mainCause: 'schooling',
        otherCauses: ['illness'],
        houseGrade: null,
        members: [member({ health: 'serious' })],
      },
    ];
    for (const h of households) {
      const d = draftPlan(h, CATALOGUE, '2025-01-01');
      expect(codes(d)).not.toContain('retired');
      const able = h.members.filter((m) => m.labourCapacity !== 'lost').length;
      const fit = checkFit(
        { ...h, ableToWork: able, measures: d.map((m) => ({ ...m, status: 'planned' })) },
        MAP,
      );
      expect(fit.problems, JSON.stringify(h)).toEqual([]);
    }
  });

  it('computes deadlines by calendar months', () => {
    expect(deadlineOf('2025-01-31', 1)).toBe('2025-02-27');
    expect(deadlineOf('2025-01-01', 12)).toBe('2025-12-31');
    expect(deadlineOf('2024-03-15', 36)).toBe('2027-03-14');
  });
});

describe('policiesEnjoyed', () => {
  it('lists the rolls, insurance, students and measures under way, naming the members', () => {
    const base = {
      status: 'present',
      isDibao: false,
      isTekun: false,
      insBasicMedical: true,
      insCriticalIllness: false,
      insMedicalAssistance: false,
      insPension: false,
      studentStatus: null,
      disabilityGrade: null,
      welfareJobMonths: null,
    };
    const p = policiesEnjoyed({
      members: [
        { ...base, name: '甲', isDibao: true },
        { ...base, name: '乙', studentStatus: 'junior' },
        { ...base, name: '丙', status: 'deceased', isTekun: true },
      ],
      relocated: false,
      ecoCompensation: 300,
      measures: [
        { nameZh: '产业发展奖补', nameEn: 'grant', status: 'completed', amount: 3000 },
        { nameZh: '技能培训', nameEn: 'training', status: 'planned', amount: 1500 },
      ],
    });
    expect(p.map((x) => x.code)).toEqual([
      'dibao',
      'basic_medical',
      'education',
      'eco_compensation',
      'measure',
    ]);
    expect(p.find((x) => x.code === 'dibao')!.who).toEqual(['甲']);
    expect(p.find((x) => x.code === 'basic_medical')!.who).toEqual(['甲', '乙']);
    expect(p.at(-1)!.zh).toBe('产业发展奖补');
  });
});
