// Pure (no DOM, no imports): the Jest suite reads it too (test/web-percent-text.spec.ts).

const PERCENT = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

/**
 * A share as every page writes it — the figure card, the bar labels, tables and tooltips alike, so one
 * figure never reads 12.5% on a card and 13% on its bar (breaker11s P4): `value` in percent (0–100),
 * at most one decimal, a whole number without one (12.5 → 12.5%, 13 → 13%, 100 → 100%).
 */
export function percentText(value: number): string {
  return PERCENT.format(value / 100);
}
