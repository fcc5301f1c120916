/**
 * A text someone typed (a reason, a summary), closed as one Chinese sentence inside a longer one:
 * 。 added unless it already ends in 。！？!? or …, and a trailing 。 of the text not doubled
 * (newcomer24 S1: 「…予以撤回。。不再办理」 when the clerk's reason ended in 。).
 */
export const asSentence = (text: string): string => {
  const trimmed = text.trim();
  return trimmed === '' || /[。！？!?…]$/.test(trimmed) ? trimmed : `${trimmed}。`;
};

/**
 * Several sentences said as one, joined by ；: each without its own 。, the whole closed once
 * (「“材料名称”最多 200 个字符（现有 201 个）；“链接”不是网址…。」, never 「…个）。；…」).
 */
export const joinedSentences = (sentences: readonly string[]): string =>
  asSentence(sentences.map((sentence) => sentence.trim().replace(/。$/, '')).filter((sentence) => sentence !== '').join('；'));
