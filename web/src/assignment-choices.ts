/* What a 交办 form offers and sends: pure, so the root suite tests it (test/web-assignment-choices.spec.ts). */

/**
 * The units an assign form chose (`leadUnitId`, `responsibleUnitIds`, `dueDate`), as the API's
 * `units`: the lead first when one is chosen, then the responsible units, all due on the form's date.
 */
export function chosenUnits(values: Record<string, unknown>): { unitId: unknown; role: 'LEAD' | 'RESPONSIBLE'; dueDate: unknown }[] {
  // The lead chosen from the units offered as responsible (the evaluation's 点名单位, preselected) leads, with one part.
  const responsible = ((values.responsibleUnitIds as string[] | undefined) ?? []).filter((unitId) => unitId !== values.leadUnitId);
  return [
    ...(values.leadUnitId ? [{ unitId: values.leadUnitId, role: 'LEAD' as const, dueDate: values.dueDate }] : []),
    ...responsible.map((unitId) => ({ unitId, role: 'RESPONSIBLE' as const, dueDate: values.dueDate })),
  ];
}

/** A unit of the directory as a 交办 form sees it: merged into another (机构改革) when `mergedIntoUnitId` is set. */
export interface DirectoryUnit {
  readonly id: string;
  readonly name: string;
  readonly mergedIntoUnitId?: string | null;
}

/**
 * The unit that carries `unitId`'s work now: itself, or the unit it was merged into, following merges
 * (A into B, B into C: C). A unit the directory does not know is itself.
 */
export function carryingUnit(directory: readonly DirectoryUnit[], unitId: string): string {
  const byId = new Map(directory.map((unit) => [unit.id, unit]));
  const seen = new Set<string>();
  let current = unitId;
  for (let next = byId.get(current)?.mergedIntoUnitId; next && !seen.has(next); next = byId.get(current)?.mergedIntoUnitId) {
    seen.add(current);
    current = next;
  }
  return current;
}

/**
 * The units a 交办 may name, as select options: those the evaluation names as concerned (点名单位, the finding's
 * `concernedUnitIds`) first, marked （评估点名）, then the rest in the directory's order; units already on the
 * finding are left out (newcomer13 R8: the 点名单位 were recorded and never offered). A unit merged into another
 * takes no new work: it is never offered, and a 点名单位 merged since is offered as its successor (breaker11f P1).
 */
export function assignmentChoices(
  directory: readonly DirectoryUnit[],
  onIt: ReadonlySet<string>,
  concerned: readonly string[],
): { value: string; label: string }[] {
  const named = new Set(concerned.map((unitId) => carryingUnit(directory, unitId)));
  const open = directory.filter((unit) => !onIt.has(unit.id) && !unit.mergedIntoUnitId);
  return [
    ...open.filter((unit) => named.has(unit.id)).map((unit) => ({ value: unit.id, label: `${unit.name}（评估点名）` })),
    ...open.filter((unit) => !named.has(unit.id)).map((unit) => ({ value: unit.id, label: unit.name })),
  ];
}

/**
 * The 点名单位 a 交办 form preselects as responsible units, in the evaluation's order: each as the unit
 * carrying its work now (a merged one's successor, breaker11f P1: the merged unit was preselected and
 * the assignment refused), once, leaving out those on the finding already (by themselves or their successor).
 */
export function concernedToPreselect(directory: readonly DirectoryUnit[], onIt: ReadonlySet<string>, concerned: readonly string[]): string[] {
  const chosen: string[] = [];
  for (const unitId of concerned) {
    const carrying = carryingUnit(directory, unitId);
    if (onIt.has(unitId) || onIt.has(carrying) || chosen.includes(carrying)) continue;
    chosen.push(carrying);
  }
  return chosen;
}
