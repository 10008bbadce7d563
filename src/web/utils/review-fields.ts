/** Names of the fields and materials a reviewer can attach a reason to (退回修改 per field/material). */
const FIELD_NAMES: Record<string, string> = {
  general: '总体意见',
  seriesCode: '申报系列/专业',
  education: '学历',
  qualifications: '资格/聘任',
  workHistory: '工作经历',
  achievements: '业绩成果',
  professionalWorkStart: '从事专业技术工作起始时间',
  majorRelated: '所学专业与从事专业',
  practiceLicences: '从业资格',
  socialInsurance: '社保参保信息',
  commitmentSigned: '个人承诺书',
  materials: '材料',
};

export interface ReasonFieldContext {
  materials?: { title: string }[];
}

export function reasonFieldLabel(field: string, ctx: ReasonFieldContext = {}): string {
  const [head, index] = field.split('.');
  const base = FIELD_NAMES[head ?? ''] ?? field;
  if (index === undefined) return base;
  const n = Number(index);
  if (head === 'materials') return `材料：${ctx.materials?.[n]?.title ?? `第 ${n + 1} 项`}`;
  return `${base}第 ${n + 1} 条`;
}

/** The options a reviewer picks from, built from the submitted form. */
export function reasonFieldOptions(form: {
  education?: unknown[];
  qualifications?: unknown[];
  workHistory?: unknown[];
  achievements?: unknown[];
  materials?: { title: string }[];
}): { value: string; label: string }[] {
  const ctx = { materials: form.materials };
  const list = (key: string, items: unknown[] | undefined) => (items ?? []).map((_, i) => `${key}.${i}`);
  return [
    'general',
    'seriesCode',
    ...list('education', form.education),
    ...list('qualifications', form.qualifications),
    ...list('workHistory', form.workHistory),
    ...list('achievements', form.achievements),
    'professionalWorkStart',
    'majorRelated',
    'practiceLicences',
    'socialInsurance',
    ...list('materials', form.materials),
    'commitmentSigned',
  ].map((value) => ({ value, label: reasonFieldLabel(value, ctx) }));
}
