/**
 * Whether a self-recognition authorisation (四、（一））could recognise anyone at all: a scope made only
 * of series that 三、（六）excludes for the unit (工程 for a non-state enterprise, or 以考代评 series)
 * could only produce refused applications, so it is refused at approval. Pure, no I/O.
 */
import type { EmployerKind, Ownership } from '../../contract/common.js';
import type { PolicyParameters } from './policy-types.js';

/** The catalogue series whose names the scope description mentions (e.g. “本公司工程技术人员助理级”). */
export function seriesNamedIn(text: string, catalogue: readonly { code: string; name: string }[]): string[] {
  return catalogue.filter((s) => s.name && text.includes(s.name)).map((s) => s.code);
}

export interface ClosedSeries {
  code: string;
  reason: string;
}

/**
 * The series of `scope` that no application of this unit could pass, each with the clause that closes
 * it. The unit's ownership and kind are its own record; unknown (null) closes nothing.
 */
export function closedSeries(
  scope: readonly string[],
  unit: { ownership: Ownership | null; kind: EmployerKind | null },
  p: PolicyParameters,
  nameOf: (code: string) => string,
): ClosedSeries[] {
  const closed: ClosedSeries[] = [];
  for (const code of scope) {
    const s = Object.hasOwn(p.series, code) ? p.series[code] : undefined;
    if (s?.examBased) {
      closed.push({ code, reason: `${nameOf(code)}系列已实行“以考代评”，不得考核认定（三、（六））` });
    } else if (
      p.nonStateExcludedSeries.includes(code) &&
      unit.ownership === 'nonState' &&
      unit.kind === 'enterprise'
    ) {
      closed.push({
        code,
        reason: `该单位为非国有企业，非国有企业${nameOf(code)}专业技术资格不组织考核认定（三、（六））`,
      });
    }
  }
  return closed;
}
