import type { Agency, AgencyWindow } from '../api/types';

export type LiveStatus = AgencyWindow['status'];

function instant(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** Status at `now` from the window's instants (falls back to the server's status at load time). */
export function liveStatus(w: AgencyWindow, now: number): LiveStatus {
  const opens = instant(w.opensAt);
  const closes = instant(w.closesAt);
  if (opens === null || closes === null) return w.status;
  if (now < opens) return 'upcoming';
  if (now > closes) return 'closed';
  return 'open';
}

export interface CurrentWindow {
  window: AgencyWindow;
  status: 'open' | 'upcoming';
}

/** The window open now, else the next one to open, else null. */
export function currentOrNext(agency: Agency, now: number): CurrentWindow | null {
  const sorted = [...agency.windows].sort((a, b) => a.opens.localeCompare(b.opens));
  const open = sorted.find((w) => liveStatus(w, now) === 'open');
  if (open) return { window: open, status: 'open' };
  const next = sorted.find((w) => liveStatus(w, now) === 'upcoming');
  return next ? { window: next, status: 'upcoming' } : null;
}

export const statusTag: Record<LiveStatus, { text: string; color: string }> = {
  open: { text: '受理中', color: 'green' },
  upcoming: { text: '未开始', color: 'blue' },
  closed: { text: '已结束', color: 'default' },
};

export function matchesAgency(agency: Agency, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    agency.name,
    agency.scope.regionName,
    agency.scope.description,
    agency.phone,
    ...agency.scope.rules.map((r) => r.regionName),
  ]
    .join(' ')
    .toLowerCase();
  return needle.split(/\s+/).every((part) => haystack.includes(part));
}
