import type { settingsZhCN } from './settings.zh-CN';

/** English messages of the regional settings page (issue 21). */
export const settingsEn: typeof settingsZhCN = {
  settings: {
    title: 'Regional settings',
    subtitle:
      'Inspection limits, grievance deadlines and warning weights: set nationally, adjusted by a province, prefecture or county for its own region; a region without its own value inherits the one above',
    region: 'Region',
    national: 'National',
    pickRegion: 'Choose a region (county or above)',
    item: 'Item',
    value: 'Value in force',
    source: 'From',
    sourceDefault: 'System default',
    sourceLocal: 'Set here',
    nationalValue: 'National',
    inheritedValue: 'From above',
    localValue: 'Here',
    changedBy: 'Changed by',
    changedAt: 'Changed on',
    reason: 'Reason',
    edit: 'Change',
    editTitle: 'Change: {{item}}',
    newValue: 'Value for this region',
    range: 'Allowed {{min}} to {{max}}',
    save: 'Save',
    removeLocal: 'Inherit again',
    saved: 'Saved',
    reasonRequired: 'Give the reason for the change',
    system: 'System',
    readOnly:
      'You may read the settings of your region; national values are kept by national administrators, provincial, prefectural and county values by officers of that level and above.',
  },
};
