import { deterministicId } from '../../shared/ids.js';

/** A unit's id follows from its code, so two units can never share a code. */
export const unitIdForCode = (code: string) => deterministicId('unit', code.toUpperCase());
