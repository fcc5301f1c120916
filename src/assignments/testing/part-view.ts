import { assignedPart, type PartView } from '../read-model/part-view.js';

/** A read-model part as just assigned (RESPONSIBLE, due 2026-05-15, nothing done yet), with `overrides`. */
export const partView = (unitId: string, overrides: Partial<PartView> = {}): PartView => ({
  ...assignedPart(unitId, 'RESPONSIBLE', '2026-05-15', { on: '2026-04-01', at: '2026-04-01T01:00:00.000Z' }),
  ...overrides,
});
