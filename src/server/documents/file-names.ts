/**
 * File names that come from people (issue 13 item 3): an upload's name is only ever a label. The bytes
 * are stored under their SHA-256 (storage/), never under this name, so a name cannot reach the file
 * system; what is left is to show it and send it back safely.
 */

/** Longest name kept, in characters (code points), the extension included. */
export const FILE_NAME_MAX = 100;
const FALLBACK = '未命名文件';

// Controls (C0, DEL, C1), format characters (the RTL override U+202E and the other bidi controls,
// zero-width characters, BOM), lone surrogates, line/paragraph separators and non-characters: none
// belongs in a name, and the bidi ones make "invoice‮fdp.exe" read as "invoiceexe.pdf".
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/gu;
// Characters Windows does not allow in a name: a download saved under such a name would fail.
const RESERVED = /[<>:"|?*]/g;

/**
 * The name as shown and stored: the last path component only (a browser may send C:\…\x.pdf, a
 * hostile client ../../etc/passwd), without the characters above, without leading or trailing dots
 * and spaces, at most {@link FILE_NAME_MAX} characters keeping the extension; 未命名文件 when nothing is
 * left. Idempotent.
 */
export function displayFileName(raw: string | null | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(INVISIBLE, '')
    .replace(RESERVED, '')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const chars = [...cleaned];
  if (chars.length === 0) return FALLBACK;
  if (chars.length <= FILE_NAME_MAX) return cleaned;
  const ext = /\.[\p{L}\p{N}]{1,10}$/u.exec(cleaned)?.[0] ?? '';
  const extLength = [...ext].length;
  return (
    chars
      .slice(0, FILE_NAME_MAX - extLength)
      .join('')
      .trimEnd() + ext
  );
}

/** RFC 5987 value characters (attr-char); everything else is percent-encoded from UTF-8. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A Content-Disposition header for a file sent to a browser (RFC 6266): the name in `filename*`
 * (RFC 5987, UTF-8, percent-encoded, so no quote, semicolon, CR or LF of a name can end the header or
 * add one), and an ASCII `filename` of "download" (or "file" inline) with the extension for clients
 * that do not read `filename*`.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const name = displayFileName(fileName);
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
  const ascii = type === 'attachment' ? 'download' : 'file';
  return `${type}; filename="${ascii}${ext}"; filename*=UTF-8''${rfc5987(name)}`;
}
