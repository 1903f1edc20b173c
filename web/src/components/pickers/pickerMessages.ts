/** Messages of the pickers (a household, several households, a region by tree and search). */
export const pickerMessagesZhCN = {
  household: {
    placeholder: '输入户主姓名、户编号或身份证号开头',
    option: '{{name}} · {{no}} · {{village}}',
    none: '未找到农户',
    picked: '已选：{{name}}（户编号 {{no}}）',
    pickedMany: '已选 {{n}} 户',
  },
  region: { none: '未找到区划' },
};

export const pickerMessagesEn: typeof pickerMessagesZhCN = {
  household: {
    placeholder: "Head's name, household number or start of an ID number",
    option: '{{name}} · {{no}} · {{village}}',
    none: 'No household found',
    picked: 'Picked: {{name}} (household {{no}})',
    pickedMany: '{{n}} households picked',
  },
  region: { none: 'No region found' },
};
