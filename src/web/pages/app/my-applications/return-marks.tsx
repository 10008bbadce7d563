/**
 * 退回修改 inside the form: each reason the reviewer attached to a field or material (its path,
 * e.g. 'education.0', 'materials.2', 'seriesCode') is shown on that entry or field itself, not only
 * in the banner at the top.
 */
import { Typography } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';

export type ReturnMarks = ReadonlyMap<string, string[]>;

const ReturnMarksContext = createContext<ReturnMarks>(new Map());

export function returnMarksOf(reasons: readonly { field: string; message: string }[]): ReturnMarks {
  const marks = new Map<string, string[]>();
  for (const r of reasons) marks.set(r.field, [...(marks.get(r.field) ?? []), r.message]);
  return marks;
}

export function ReturnMarksProvider({ marks, children }: { marks: ReturnMarks; children: ReactNode }) {
  return <ReturnMarksContext.Provider value={marks}>{children}</ReturnMarksContext.Provider>;
}

/** The reviewer's reasons for this path (empty when none). */
export function useReturnMarks(path: string | undefined): string[] {
  const marks = useContext(ReturnMarksContext);
  return path ? (marks.get(path) ?? []) : [];
}

/** The reasons as the entry's own error text. */
export function ReturnMarkText({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div role="alert" style={{ marginBottom: 8 }}>
      {messages.map((m, i) => (
        <Typography.Text key={i} type="danger" style={{ display: 'block' }}>
          退回意见：{m}
        </Typography.Text>
      ))}
    </div>
  );
}

/** The border of an entry a reviewer asked to correct. */
export const markedStyle = { borderColor: '#ff4d4f', boxShadow: '0 0 0 2px rgba(255,77,79,0.12)' };

/**
 * Plain fields named by a reason, as antd Form field errors (setFields): the field turns red with
 * the reason below it until the applicant changes it.
 */
export const FIELD_OF_REASON: Record<string, string> = {
  seriesCode: 'seriesCode',
  professionalWorkStart: 'professionalWorkStart',
  majorRelated: 'majorRelated',
  practiceLicences: 'practiceLicences',
  socialInsurance: 'socialInsuranceConfirmed',
  commitmentSigned: 'commitmentSigned',
};

/** Every mark, for a component that marks several entries. */
export function useAllReturnMarks(): ReturnMarks {
  return useContext(ReturnMarksContext);
}
