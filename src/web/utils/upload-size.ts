/**
 * The checks a material file passes in the browser before it is sent (the server checks the same):
 * its type, and its size against the server's limit — after a photo has been compressed.
 */
export const MATERIAL_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const EXTENSION_TYPES: Record<string, (typeof MATERIAL_TYPES)[number]> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export interface FileFacts {
  name: string;
  size: number;
  type: string;
}

/** The material type of a file by its MIME type, else its extension; null when it is none of them. */
export function materialTypeOf(
  file: Pick<FileFacts, 'name' | 'type'>,
): (typeof MATERIAL_TYPES)[number] | null {
  if ((MATERIAL_TYPES as readonly string[]).includes(file.type))
    return file.type as (typeof MATERIAL_TYPES)[number];
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return EXTENSION_TYPES[ext] ?? null;
}

/** A size for people: 1.5 MB, 800 KB. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** Why the file cannot be sent as it is, or null. `compressed`: it is an image already compressed. */
export function uploadProblem(file: FileFacts, maxBytes: number, compressed = false): string | null {
  const type = materialTypeOf(file);
  if (!type) return `“${file.name}”不是 PDF、JPG 或 PNG 文件，不能上传`;
  if (file.size <= maxBytes) return null;
  const sizes = `${formatBytes(file.size)}，超过单个文件 ${formatBytes(maxBytes)} 的上限`;
  if (type === 'application/pdf')
    return `“${file.name}”有 ${sizes}，未上传。请降低扫描分辨率（如 200 dpi、黑白或灰度）后重新生成 PDF，或分成几个文件上传`;
  return compressed
    ? `“${file.name}”压缩后仍有 ${sizes}，未上传。请裁去多余部分或重新拍摄后上传`
    : `“${file.name}”有 ${sizes}，未上传`;
}
