/** The integrity signals added to the catalogue (docs/quality.md, issue 17); typed where catalogue.ts spreads them. */

const t = (zh: string, en: string) => ({ zh, en });

export const INTEGRITY_CHECKS = [
  {
    id: 'round_numbers_village',
    kind: 'signal',
    severity: 'medium',
    title: t('村级收入整数偏好（500 的倍数）', 'Round numbers by village (multiples of 500)'),
    description: t(
      '每村自报收入项（工资、经营、生产费用、财产，> 0，固定标准金额除外）中 100/500/1000 的倍数所占比例，与本地区其余各村比较',
      'Share of multiples of 100 / 500 / 1,000 among the village’s self-reported items (wage, business, production cost, property; > 0; fixed programme amounts left out) against the rest of the region',
    ),
    statistic: t(
      '单侧精确二项检验（500 的倍数，原假设：本地区比例），各村经多重检验校正（错误发现率 1%）；且比例 ≥ 50% 且 ≥ 地区的 2 倍，样本数 ≥ 40',
      'one-sided exact binomial test at 500 (H0: the region’s share), Benjamini–Hochberg across villages at FDR 1 %; and share ≥ 50 % and ≥ 2 × the region’s, n ≥ 40',
    ),
    fix: t('抽样入户重新采集收入', 'Re-collect the income of a sample of households at home'),
    implementation: 'statistic',
    params: { minShare500: 0.5, minRatio: 2, minN: 40, fdr: 0.01 },
    rests: [],
  },
  {
    id: 'round_numbers_collector',
    kind: 'signal',
    severity: 'high',
    title: t('采集员收入整数偏好（500 的倍数）', 'Round numbers by collector (multiples of 500)'),
    description: t(
      '按采集人（年度收入记录的录入人）汇总的自报收入项中 500 的倍数所占比例，与其余采集员比较',
      'Share of multiples of 500 among the self-reported items a collector entered (household_year.recorded_by) against the other collectors',
    ),
    statistic: t(
      '同村级检验：二项检验并经多重检验校正（错误发现率 1%），比例 ≥ 50% 且 ≥ 地区的 2 倍',
      'as by village: binomial test + BH (FDR 1 %), share ≥ 50 % and ≥ 2 × the region’s',
    ),
    fix: t('复核该采集员录入的户', 'Re-check the households the collector entered'),
    implementation: 'statistic',
    params: { minShare500: 0.5, minRatio: 2, minN: 40, fdr: 0.01 },
    rests: [],
  },
  {
    id: 'shared_factor',
    kind: 'signal',
    severity: 'high',
    title: t('同村多户收入按同一倍数变化', 'Many households of a village changed by one factor'),
    description: t(
      '同一村同一年，多户各项自报收入（工资、经营、生产费用、财产，至少两项非零）均按同一倍数变化（±5% 或 100 元以内），且该倍数落在同一 1% 窗口内（如全村乘以 1.45）',
      'In one village and year, many households whose every reported item (wage, business, production cost, property; two or more non-zero) changed by one ratio (within ±5 % or 100 yuan), the ratios lying in one 1 % window (e.g. every figure × 1.45)',
    ),
    statistic: t(
      '扫描统计（仅各项同比变化的户）：窗口内户数，原假设下的概率取本年度全地区各户比值落入该窗口的比例（上界），乘以本村有比值的户数；显著性概率 = 户数 × 至少出现窗口内户数的概率；各村各年经多重检验校正（错误发现率 1%）；窗口内户数 ≥ 5 且 ≥ 期望的 4 倍',
      'scan (over households whose items moved together): k households in the window; H0 bounded by the share of all the region’s ratios that year in it, n the village’s households with a ratio; p = n × P(X ≥ k); BH across village-years (FDR 1 %); k ≥ 5 and ≥ 4 × expected',
    ),
    fix: t('核对该村当年收入台账的来源', 'Check where the village’s figures of that year came from'),
    implementation: 'statistic',
    params: { width: 0.01, fdr: 0.01, minK: 5, minExcess: 4, itemTolerance: 0.05, itemYuan: 100 },
    rests: [],
  },
  {
    id: 'village_jump_rate',
    kind: 'signal',
    severity: 'medium',
    title: t('村级收入跳升率高于乡镇', 'Village jump rate above its township'),
    description: t(
      '每村每年纯收入增长 > 30% 的户（易地搬迁户除外）所占比例，与同乡镇其余各村比较',
      'Share of a village’s households whose net income rose by > 30 % in a year (relocated households left out) against the rest of its township',
    ),
    statistic: t(
      '单侧精确二项检验，各村各年经多重检验校正（错误发现率 1%）；比例 ≥ 25% 且 ≥ 乡镇的 2 倍，样本数 ≥ 20',
      'one-sided exact binomial test, BH across village-years (FDR 1 %); share ≥ 25 % and ≥ 2 × the township’s, n ≥ 20',
    ),
    fix: t('核实该村当年增收的来源', 'Verify where the village’s rise that year came from'),
    implementation: 'statistic',
    params: { rise: 0.3, fdr: 0.01, minShare: 0.25, minRatio: 2, minN: 20 },
    rests: [],
  },
] as const;
