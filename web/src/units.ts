import { ref } from 'vue';
import { gql } from './api';

export interface UnitSummary {
  id: string;
  code: string;
  name: string;
  /** The unit it was merged into (机构改革); null while it stands on its own. */
  mergedIntoUnitId?: string | null;
  /** The office day of that merge; null while it stands. */
  mergedOn?: string | null;
  /** The office day it was registered: no work of it is dated before. */
  registeredOn?: string;
}

/** The units directory, loaded once per tab (names for ids in timelines, choices in forms). */
export const units = ref<UnitSummary[]>([]);
let loading: Promise<UnitSummary[]> | null = null;

export function loadUnits(): Promise<UnitSummary[]> {
  loading ??= gql<{ units: UnitSummary[] }>(`{ units { id code name mergedIntoUnitId mergedOn registeredOn } }`)
    .then(({ units: list }) => (units.value = list))
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The units by id, built once per directory read: a name looked up per row of a page, not by a scan of 20 000 units each (newcomer55-10 S1). */
let indexed: { list: UnitSummary[]; byId: Map<string, UnitSummary> } | null = null;
export const unitName = (id: string | null | undefined): string => {
  if (!id) return '';
  if (indexed?.list !== units.value) indexed = { list: units.value, byId: new Map(units.value.map((unit) => [unit.id, unit])) };
  return indexed.byId.get(id)?.name ?? '';
};
