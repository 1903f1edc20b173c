import type { Sex } from '../../domain/id-number.js';
import { parseWeights, weightedTable, type Rng, type WeightedTable } from '../../domain/random.js';

/**
 * Synthetic Chinese names and ethnicities. Surname weights are approximate relative frequencies
 * (per cent of the population for the national list; a plausible local mix for 湘西), chosen to look
 * right, not statistics. Given names are drawn from character pools that follow naming fashions of
 * the birth decade. Every name produced is made up.
 */

const NATIONAL_SURNAMES = parseWeights(
  '王7.1 李7.0 张6.4 刘5.4 陈4.6 杨3.1 黄2.5 赵2.2 吴2.0 周1.9 徐1.5 孙1.4 马1.3 朱1.3 胡1.2 郭1.2 ' +
    '何1.2 林1.1 高1.1 罗1.1 郑1.0 梁0.9 谢0.8 宋0.7 唐0.7 许0.7 韩0.7 邓0.7 冯0.6 曹0.6 彭0.6 曾0.6 ' +
    '肖0.6 田0.5 董0.5 潘0.5 袁0.5 蔡0.5 蒋0.5 余0.5 于0.5 杜0.4 叶0.4 程0.4 魏0.4 苏0.4 吕0.4 丁0.4 ' +
    '任0.4 卢0.4 姚0.4 沈0.4 钟0.3 姜0.3 崔0.3 谭0.3 陆0.3 范0.3 汪0.3 廖0.3 石0.3 金0.3 韦0.3 贾0.3 ' +
    '夏0.3 付0.3 方0.3 邹0.3 熊0.3 白0.3 孟0.2 秦0.2 邱0.2 侯0.2 江0.2 尹0.2 薛0.2 段0.2 雷0.2 龙0.2 ' +
    '黎0.2 史0.2 陶0.2 贺0.2 毛0.2 龚0.2 向0.1 覃0.1',
);

/** 湘西 (Miao and Tujia area): 龙, 石, 麻, 吴, 杨, 田, 彭, 向 … are very common. */
const XIANGXI_SURNAMES = parseWeights(
  '龙12 石10 吴9 麻8 杨8 田5 彭4 向4 张4 李3 王3 梁3 隆2.5 施2 滕2 刘2 ' +
    '时1.5 欧1.5 廖1.5 罗1.5 陈1.5 唐1.2 胡1.2 黄1.2 谢1 周1 符1 侯0.8 姚0.8 宋0.8 秧0.6 金0.6 ' +
    '洪0.6 包0.5',
);

const MALE_CHARS: Record<Era, string> = {
  old: '德福贵生发金财富有顺成明清荣春光友才玉山林海云祥永华忠和保万志国',
  mid: '建国明军华平强伟勇文志海林成兵红东新春刚峰斌辉庆国民胜利忠江波',
  young: '杰涛磊鹏飞超浩亮俊凯宇健锋勇涛洋帅龙阳峰强斌彬军杰威勇武宏',
  child: '浩宇轩子梓博睿晨俊泽皓宸铭一航然奕辰逸瑞凯嘉豪翔煜昊阳鑫晟',
};

const FEMALE_CHARS: Record<Era, string> = {
  old: '秀英兰芳花梅玉珍凤翠桂菊莲娥妹香仙金银春姣妹满彩爱秀云桃',
  mid: '红英丽芳霞燕艳琴娟梅萍玲华秀敏群春兰琼凤莉翠云平芬',
  young: '丽娟静敏燕艳婷芳倩雪慧玲琳霞颖佳莉晶丹婧蓉薇洁',
  child: '欣怡涵萱雨诗思佳梓琪悦可馨语嘉若一彤妍晨瑶语紫昕雅依',
};

type Era = 'old' | 'mid' | 'young' | 'child';

function eraOf(birthYear: number): Era {
  if (birthYear < 1960) return 'old';
  if (birthYear < 1980) return 'mid';
  if (birthYear < 2000) return 'young';
  return 'child';
}

export interface NameProfile {
  surnames: WeightedTable<string>;
  ethnicities: WeightedTable<string>;
}

/** Ethnicity mixes (code list `ethnicity`) for areas with a large minority population; approximate. */
const ETHNIC_MIXES: readonly { prefix: string; mix: string }[] = [
  // 花垣县 and 凤凰县: mostly Miao, then Han and Tujia.
  { prefix: '433124', mix: '06:76 15:10 01:13 99:1' },
  { prefix: '433123', mix: '06:60 15:15 01:24 99:1' },
  // rest of 湘西州: Tujia and Miao.
  { prefix: '4331', mix: '15:45 06:30 01:24 99:1' },
  { prefix: '45', mix: '01:62 08:32 13:3 12:1 99:2' },
  { prefix: '52', mix: '01:63 06:12 09:7 12:5 15:4 07:2 99:7' },
  { prefix: '53', mix: '01:66 07:11 99:23' },
  { prefix: '64', mix: '01:64 03:36' },
  { prefix: '', mix: '01:99 03:0.5 99:0.5' },
];

const profiles = new Map<string, NameProfile>();

export function nameProfile(countyCode: string): NameProfile {
  const cached = profiles.get(countyCode);
  if (cached) return cached;
  const local = countyCode.startsWith('4331');
  const surnames = local
    ? [...XIANGXI_SURNAMES, ...NATIONAL_SURNAMES.map(([s, w]) => [s, w * 0.15] as const)]
    : NATIONAL_SURNAMES;
  const mix = ETHNIC_MIXES.find((m) => countyCode.startsWith(m.prefix))!.mix;
  const profile = { surnames: weightedTable(surnames), ethnicities: weightedTable(parseWeights(mix)) };
  profiles.set(countyCode, profile);
  return profile;
}

export function drawSurname(rng: Rng, profile: NameProfile): string {
  return rng.weighted(profile.surnames);
}

/** A given name of one or two characters in the fashion of the birth decade. */
export function drawGivenName(rng: Rng, sex: Sex, birthYear: number): string {
  const era = eraOf(birthYear);
  const pool = sex === '1' ? MALE_CHARS[era] : FEMALE_CHARS[era];
  const first = pool[rng.int(0, pool.length - 1)]!;
  const twoChars = rng.chance(era === 'old' ? 0.7 : era === 'child' ? 0.85 : 0.78);
  if (!twoChars) return first;
  let second = pool[rng.int(0, pool.length - 1)]!;
  if (second === first && rng.chance(0.7)) second = pool[rng.int(0, pool.length - 1)]!;
  return first + second;
}
