import { IsInt, IsString, Max, MetadataStorage, MinLength, getMetadataStorage, validateSync } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache.js';

class Part {
  @IsString() @MinLength(2) unitName!: string;
}

class DatedPart extends Part {
  @IsInt() @Max(365, { groups: ['strict'] }) days!: number;
}

const failed = (errors: ReturnType<typeof validateSync>) => errors.map((error) => `${error.property}:${Object.keys(error.constraints ?? {}).sort().join(',')}`).sort();
const make = <T extends object>(type: new () => T, values: Partial<T>) => Object.assign(new type(), values);

describe('memoised validation metadata', () => {
  beforeAll(() => memoiseValidationMetadata());

  it('validates a class and its inherited rules as class-validator does, however often it is asked', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(failed(validateSync(make(Part, { unitName: 'x' })))).toEqual(['unitName:minLength']);
      expect(failed(validateSync(make(DatedPart, { unitName: 'x', days: 1.5 })))).toEqual(['days:isInt', 'unitName:minLength']);
      expect(failed(validateSync(make(DatedPart, { unitName: '民政局', days: 400 })))).toEqual(['days:max']);
      expect(validateSync(make(DatedPart, { unitName: '民政局', days: 30 }))).toEqual([]);
    }
  });

  it('keeps groups apart: asked for a group, only that group’s rules apply', () => {
    expect(failed(validateSync(make(DatedPart, { unitName: 'x', days: 400 }), { groups: ['strict'] }))).toEqual(['days:max']);
    expect(validateSync(make(DatedPart, { unitName: 'x', days: 400 }), { groups: ['other'], forbidUnknownValues: false })).toEqual([]);
    expect(failed(validateSync(make(DatedPart, { unitName: 'x', days: 400 })))).toEqual(['days:max', 'unitName:minLength']);
  });

  it('sees the rules of a class defined after its parent was first validated', () => {
    class LatePart extends Part {
      @IsString() note!: string;
    }
    expect(failed(validateSync(make(LatePart, { unitName: 'x', note: 3 as unknown as string })))).toEqual(['note:isString', 'unitName:minLength']);
  });

  it('answers what the plain lookup answers for every option, the same list each time, and wraps the storage once', () => {
    const storage = getMetadataStorage();
    const memoised = storage.getTargetValidationMetadatas;
    memoiseValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(memoised);
    const plain = (...args: Parameters<MetadataStorage['getTargetValidationMetadatas']>) => MetadataStorage.prototype.getTargetValidationMetadatas.apply(storage, args);
    const names = (metadatas: ReturnType<typeof plain>) => metadatas.map((metadata) => `${metadata.propertyName}:${metadata.name ?? metadata.type}`).sort();
    for (const type of [Part, DatedPart]) {
      for (const always of [false, true]) {
        for (const strictGroups of [false, true]) {
          for (const groups of [undefined, ['strict'], ['other']]) {
            const first = storage.getTargetValidationMetadatas(type, '', always, strictGroups, groups);
            expect(storage.getTargetValidationMetadatas(type, '', always, strictGroups, groups ? [...groups] : undefined)).toBe(first);
            expect(names(first)).toEqual(names(plain(type, '', always, strictGroups, groups)));
          }
        }
      }
    }
    expect(names(storage.getTargetValidationMetadatas(DatedPart, '', false, false, ['other']))).toEqual([]);
  });
});
