/** Kinds of need an officer may publish and an organisation may filter the board by. */
export const NEED_KINDS = [
  'school_aid',
  'medical_aid',
  'house_repair',
  'industry',
  'jobs',
  'training',
  'daily_necessities',
  'village_project',
];

/** Tag colour of a need's or an organisation's status. */
export const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  pledged: 'gold',
  delivered: 'cyan',
  confirmed: 'green',
  withdrawn: 'default',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};
