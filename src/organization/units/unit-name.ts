import type { ClaimedValue } from '../../event-sourcing/execute-command.js';

/*
 * One rule for unit names, wherever a name is stored, compared or looked up (registration, rename,
 * the directory, every import): two names that are the same text in Unicode are one name
 * (breaker9 F9: 青川市\uF900测试局 and 青川市豈测试局, Å written as A + ring and as one letter, the
 * Kangxi radical ⽂ and 文, ＱＣ and QC registered as four pairs of different units).
 */

/**
 * A unit name as it is stored: trimmed, in Unicode Normalization Form C (canonical composition,
 * UAX #15), so the same text is always the same characters; otherwise as typed (full-width letters
 * stay full-width).
 */
export const storedUnitName = (name: string): string => name.trim().normalize('NFC');

/**
 * The key unit names are compared and looked up by: NFKC (UAX #15's compatibility composition:
 * full-width letters and digits, CJK compatibility ideographs and Kangxi radicals read as their plain
 * forms), trimmed, in lower case (as login names and unit codes ignore letter case). Two names with
 * one key are one name: the second is refused as taken, and a file naming either finds the unit.
 */
export const unitNameKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

/**
 * The claim a registration or a rename takes on the unit's name (`UniqueClaim`), with the events
 * that give the name, so that of units registered or renamed to one name at once exactly one gets
 * it (breaker12 P10's kind). A unit keeps its former names (the directory finds a unit by them), so
 * its claims stay with it.
 */
export const unitNameClaim = (name: string): ClaimedValue => ({
  scope: 'unit-name',
  value: unitNameKey(name),
  field: 'name',
  label: storedUnitName(name),
  // 是否同一单位: a name near a registered one is asked about, judged atomically with the append (breaker9x P2).
  nearRule: true,
});
