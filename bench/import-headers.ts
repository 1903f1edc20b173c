/** Header row of the generated import benchmark file (Chinese, as on the forms). */
export const HEADERS_FOR_BENCH = [
  '户编号',
  '村代码',
  '姓名',
  '公民身份号码',
  '与户主关系',
  '性别',
  '年度',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '转移性收入',
  '生产经营支出',
  '户类型',
  '健康状况',
];
