/** An ILIKE pattern that finds `text` anywhere, its own % _ and \ taken literally (a search box's input). */
export const containsPattern = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;
