/**
 * A text someone typed (a reason, a summary), closed as one Chinese sentence inside a longer one:
 * 。 added unless it already ends in 。！？!? or …, and a trailing 。 of the text not doubled
 * (newcomer24 S1: 「…予以撤回。。不再办理」 when the clerk's reason ended in 。).
 */
export const asSentence = (text: string): string => {
  const trimmed = text.trim();
  return trimmed === '' || /[。！？!?…]$/.test(trimmed) ? trimmed : `${trimmed}。`;
};
