/**
 * Dates an application form cannot truly contain (issue 11 item 11), refused when the draft is saved
 * rather than failing later and indirectly (a graduation in 2030 would count as "满 0 周年"). Pure, no
 * I/O: `today` is the app clock's date in the system time zone, `birthDate` comes from the ID number.
 * Each problem names the form field (e.g. `education.0.graduationDate`) and says why in Chinese.
 */
import { addYears, format, parseISO } from 'date-fns';

/** Professional work cannot start before the 16th birthday (the legal minimum working age). */
export const MIN_WORKING_AGE = 16;

export interface DatedForm {
  education: { graduationDate: string | null }[];
  qualifications: { obtainedOn: string | null; appointedOn: string | null }[];
  workHistory: { unit: string; from: string | null; to: string | null }[];
  professionalWorkStart: string | null;
  achievements?: { achievedOn: string | null }[];
}

export interface DateProblem {
  field: string;
  message: string;
}

export function impossibleDates(form: DatedForm, today: string, birthDate: string | null): DateProblem[] {
  const problems: DateProblem[] = [];
  const future = (field: string, value: string | null, what: string) => {
    if (value && value > today)
      problems.push({ field, message: `${what}（${value}）晚于今天（${today}），不能填写将来的日期` });
  };
  const sixteenth = birthDate ? format(addYears(parseISO(birthDate), MIN_WORKING_AGE), 'yyyy-MM-dd') : null;
  const tooYoung = (field: string, value: string | null, what: string) => {
    if (value && sixteenth && value < sixteenth)
      problems.push({
        field,
        message: `${what}（${value}）早于年满 ${MIN_WORKING_AGE} 周岁之日（${sixteenth}，按身份证号出生日期），请核对`,
      });
  };

  form.education.forEach((e, i) =>
    future(`education.${i}.graduationDate`, e.graduationDate, `第 ${i + 1} 条学历的毕业时间`),
  );
  form.qualifications.forEach((q, i) => {
    future(`qualifications.${i}.obtainedOn`, q.obtainedOn, `第 ${i + 1} 条资格/聘任的取得时间`);
    future(`qualifications.${i}.appointedOn`, q.appointedOn, `第 ${i + 1} 条资格/聘任的聘任时间`);
  });
  future('professionalWorkStart', form.professionalWorkStart, '从事专业技术工作起始时间');
  tooYoung('professionalWorkStart', form.professionalWorkStart, '从事专业技术工作起始时间');
  form.workHistory.forEach((w, i) => {
    const what = `第 ${i + 1} 条工作经历`;
    future(`workHistory.${i}.from`, w.from, `${what}的起始时间`);
    future(`workHistory.${i}.to`, w.to, `${what}的截止时间`);
    tooYoung(`workHistory.${i}.from`, w.from, `${what}的起始时间`);
    if (w.from && w.to && w.to < w.from)
      problems.push({
        field: `workHistory.${i}.to`,
        message: `${what}的截止时间（${w.to}）早于起始时间（${w.from}）`,
      });
  });
  // Two periods overlap when each starts before the other ends (an open end is 至今); handing over on
  // the same day (one ends the day the next starts) is not an overlap.
  const periods = form.workHistory.flatMap((w, i) =>
    w.from && !(w.to && w.to < w.from) ? [{ i, unit: w.unit, from: w.from, to: w.to ?? today }] : [],
  );
  for (const [k, b] of periods.entries()) {
    const a = periods.slice(0, k).find((p) => p.from < b.to && b.from < p.to);
    if (a)
      problems.push({
        field: `workHistory.${b.i}.from`,
        message:
          `第 ${b.i + 1} 条工作经历（${b.unit || '未填单位'}，${b.from} 起）与第 ${a.i + 1} 条` +
          `（${a.unit || '未填单位'}，${a.from} 至 ${a.to === today && !form.workHistory[a.i]!.to ? '今' : a.to}）时间重叠，请核对`,
      });
  }
  (form.achievements ?? []).forEach((a, i) =>
    future(`achievements.${i}.achievedOn`, a.achievedOn, `第 ${i + 1} 条业绩成果的取得时间`),
  );
  return problems;
}

/** The birth date (yyyy-MM-dd) in an 18-digit ID number, or null when it has none. */
export function birthDateOfIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber || !/^\d{17}[\dX]$/.test(idNumber)) return null;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}
