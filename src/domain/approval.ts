/**
 * The system's wording and numbering of 批复 (approval documents) and certificates, as pure rules.
 * 四、（七）: the 批复 is drafted "按江西省职称申报评审系统生成的格式" — the title pattern
 * 关于XXX等N位同志具备XX专业技术资格的批复 (SPEC §6), 发文字号 per GB/T 9704-2012 7.2.4
 * (机关代字 + 〔年份〕 + 序号 + 号, the year in 六角括号, no leading zeros).
 */

export type Level = 'junior' | 'assistant' | 'intermediate';

/** 关于李晓华同志具备… / 关于李晓华等3位同志具备…; several series → 相应专业技术资格. */
export function approvalTitle(names: readonly string[], seriesNames: readonly string[]): string {
  if (names.length === 0) throw new Error('批复至少包含一人');
  const who = names.length === 1 ? `${names[0]}同志` : `${names[0]}等${names.length}位同志`;
  const distinct = [...new Set(seriesNames)];
  const what = distinct.length === 1 ? `${stripSeries(distinct[0]!)}专业技术资格` : '相应专业技术资格';
  return `关于${who}具备${what}的批复`;
}

/** 工程技术 → 工程技术; 中小学教师系列 → 中小学教师 (the catalogue may carry the word 系列). */
function stripSeries(name: string) {
  return name.replace(/系列$/, '');
}

/** 发文字号: 章人社字〔2027〕3号. */
export function documentNumberOf(prefix: string, year: number, sequence: number): string {
  return `${prefix}〔${year}〕${sequence}号`;
}

/** Whether a 机关代字 is usable: 2–12 characters, no brackets or digits (they belong to the rest). */
export function isDocumentPrefix(prefix: string): boolean {
  return /^[^\d〔〕[\]()（）\s]{2,12}$/u.test(prefix);
}

const LEVEL_DIGIT: Record<Level, string> = { junior: '1', assistant: '2', intermediate: '3' };

/**
 * 证书编号: year + agency code + level digit + 5-digit sequence of that agency and year, e.g.
 * 2027GZ02200003. Unique across agencies (the code is part of it) and never reused (the sequence
 * only grows).
 */
export function certificateNumberOf(
  year: number,
  agencyCode: string,
  level: Level,
  sequence: number,
): string {
  return `${year}${agencyCode}${LEVEL_DIGIT[level]}${String(sequence).padStart(5, '0')}`;
}

/** 2027-04-05 → 2027年4月5日 (成文日期 in Arabic numerals without leading zeros, GB/T 9704 7.3.5.2). */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
