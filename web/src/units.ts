import { ref } from 'vue';
import { ApiError, gql } from './api';

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
/**
 * Why the directory could not be read (`choicesNotLoaded`), null once it was: a form whose unit choices come from it says
 * so instead of offering an empty list (newcomer57-9 M1: a failed read was shown as "nothing to choose").
 */
export const unitsFailure = ref<string | null>(null);
let loading: Promise<UnitSummary[]> | null = null;

export function loadUnits(): Promise<UnitSummary[]> {
  loading ??= gql<{ units: UnitSummary[] }>(`{ units { id code name mergedIntoUnitId mergedOn registeredOn } }`)
    .then(({ units: list }) => {
      unitsFailure.value = null;
      return (units.value = list);
    })
    .catch((error) => {
      loading = null;
      unitsFailure.value = choicesNotLoaded('单位名录', error);
      throw error;
    });
  return loading;
}

/**
 * newcomer57-9 M1: what a form says when the list its choices come from could not be read — never that there is nothing to
 * choose (「尚未登记评估报告」 while the server was down led a supervisor to register the evaluation a second time). `what`:
 * the list, e.g. 评估报告; the server's refusal in its words, else that the server cannot be reached.
 */
export function choicesNotLoaded(what: string, error: unknown): string {
  return error instanceof ApiError
    ? `未能读取${what}：${error.messageZh}`
    : `无法连接服务器，未能读取${what}：这里的可选项暂时无法显示（并不表示没有）。请检查网络，待连接恢复后点“重试”。`;
}

/** The units by id, built once per directory read: a name looked up per row of a page, not by a scan of 20 000 units each (newcomer55-10 S1). */
let indexed: { list: UnitSummary[]; byId: Map<string, UnitSummary> } | null = null;
export const unitName = (id: string | null | undefined): string => {
  if (!id) return '';
  if (indexed?.list !== units.value) indexed = { list: units.value, byId: new Map(units.value.map((unit) => [unit.id, unit])) };
  return indexed.byId.get(id)?.name ?? '';
};
