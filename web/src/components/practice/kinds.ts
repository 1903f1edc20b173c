/** Tag colours of the kinds and states of practice entries. */
export const KIND_COLOR: Record<string, string> = { experience: 'green', failure: 'red', problem: 'orange' };
export const STATE_COLOR: Record<string, string> = {
  submitted: 'blue',
  approved: 'green',
  returned: 'volcano',
};
export const KINDS = ['experience', 'failure', 'problem'] as const;
export const STATES = ['submitted', 'approved', 'returned'] as const;
