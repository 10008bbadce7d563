/** A same-site path from ?next=, or the fallback (no open redirects, no loops back to /login). */
export function safeNext(raw: string | null, fallback = '/app'): string {
  if (!raw) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (raw.startsWith('/login') || raw.startsWith('/account/password')) return fallback;
  return raw;
}
