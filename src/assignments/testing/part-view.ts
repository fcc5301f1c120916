import type { PartView } from '../read-model/part-view.js';

/** A read-model part as just assigned (RESPONSIBLE, due 2026-05-15, nothing done yet), with `overrides`. */
export const partView = (unitId: string, overrides: Partial<PartView> = {}): PartView => ({
  unitId,
  role: 'RESPONSIBLE',
  status: 'ASSIGNED',
  dueDate: '2026-05-15',
  originalDueDate: '2026-05-15',
  assignedAt: '2026-04-01T01:00:00.000Z',
  verifiedAt: null,
  reports: [],
  inspections: [],
  extensionRequests: [],
  urges: [],
  returns: [],
  ...overrides,
});
