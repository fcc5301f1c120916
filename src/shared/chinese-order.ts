/*
 * Lists of units and other Chinese names are read in the order Chinese readers expect: by pinyin
 * (Unicode CLDR's `zh` collation, 安居区… before 青川县… before 市财政局…), not by code point
 * (which follows the radical-stroke order of the Unicode charts and looks random to a reader).
 */
const zh = new Intl.Collator('zh');

/** A comparator for `Array.prototype.sort`: Chinese by pinyin, Latin letters and digits as usual. */
export const byPinyin = (a: string, b: string): number => zh.compare(a, b);
