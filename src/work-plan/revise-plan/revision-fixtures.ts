import type { ItemVersion } from './plan-revision.js';

/**
 * Test fixtures shared by the pure revision specs (revisions-undone, version-day): an item of the plan as a version gives it
 * (`itemVersion`: code and title from its id, led by CZJ, due on `dueDate`, an office day) and an item re-dating change
 * (`itemRedated`: from `previousDueDate` to `dueDate`).
 */
export const itemVersion = (itemId: string, dueDate: string, overrides: Partial<ItemVersion> = {}): ItemVersion => ({
  itemId,
  code: itemId,
  categoryCode: '一',
  title: `事项${itemId}`,
  description: '',
  measures: '',
  dueDate,
  leadUnitIds: ['CZJ'],
  responsibleUnitIds: [],
  ...overrides,
});

/** An item re-dated from `previousDueDate` to `dueDate` (office days), as a recorded revision lists it. */
export const itemRedated = (itemId: string, previousDueDate: string, dueDate: string) => ({ kind: 'ITEM_REDATED' as const, itemId, code: itemId, title: `事项${itemId}`, previousDueDate, dueDate });
