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

/**
 * The units a 交办 may name, as select options: those the evaluation names as concerned (点名单位, the finding's
 * `concernedUnitIds`) first, marked （评估点名）, then the rest in the directory's order; units already on the
 * finding are left out (newcomer13 R8: the 点名单位 were recorded and never offered).
 */
export function assignmentChoices(
  directory: readonly { id: string; name: string }[],
  onIt: ReadonlySet<string>,
  concerned: readonly string[],
): { value: string; label: string }[] {
  const named = new Set(concerned);
  const open = directory.filter((unit) => !onIt.has(unit.id));
  return [
    ...open.filter((unit) => named.has(unit.id)).map((unit) => ({ value: unit.id, label: `${unit.name}（评估点名）` })),
    ...open.filter((unit) => !named.has(unit.id)).map((unit) => ({ value: unit.id, label: unit.name })),
  ];
}
