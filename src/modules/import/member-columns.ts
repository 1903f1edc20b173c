/** The member columns an import writes, and the value each takes when the file leaves it empty. */
export const MEMBER_DEFAULTS: Record<string, unknown> = {
  ethnicity: null,
  education: null,
  student_status: null,
  out_of_school_reason: null,
  health: null,
  disability_grade: null,
  labour_capacity: null,
  migrant_place: null,
  migrant_months: null,
  migrant_monthly_wage: null,
  welfare_job_months: null,
  ins_basic_medical: true,
  ins_critical_illness: true,
  ins_medical_assistance: false,
  ins_pension: false,
  is_dibao: false,
  is_tekun: false,
};

export const MEMBER_KEYS = Object.keys(MEMBER_DEFAULTS);
export const MEMBER_DEFAULT_VALUES = Object.values(MEMBER_DEFAULTS);
export const MEMBER_COPY_COLUMNS = `name, sex, id_number, birth_date, relation, ${MEMBER_KEYS.join(', ')}`;
