/** Official printouts (docs/printing.md): sign-off lines, supervision lines, batch notices, PDF. */
export const printingZhCN = {
  print: {
    year: '{{year}}年',
    reportTitle: '{{region}}{{year}}年{{title}}',
    unit: '填报单位（盖章）',
    head: '负责人',
    preparer: '填表人',
    date: '填报日期',
    pdf: '下载 PDF',
    hotline: '监督举报电话：{{phone}}',
    hotlineDefault: '监督举报电话：{{phone}}（政务服务便民热线；本县未设置专线）',
    national: '全国扶贫监督举报电话：{{phone}}',
    hotlineUnset:
      '本县尚未设置监督举报电话，公示上印的是政务服务便民热线 12345；县级干部可在“政策参数”中设置“监督举报电话”。',
    batch: {
      title: '整村（乡镇）公示',
      open: '整村公示',
      region: '村或乡镇',
      kind: '公示类别',
      none: '该村（乡镇）目前没有处于公示期的此类案件。',
      village: '所在村',
      period: '公示期',
      periodEach: '各户公示期见表',
      count: '共 {{count}} 户',
      pickRegion: '请选择一个村或乡镇',
    },
  },
};
