/** Kinds of need an officer may publish and an organisation may filter the board by (the domain's list). */
export { NEED_KINDS } from '../../../../src/domain/participation/needs';

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
