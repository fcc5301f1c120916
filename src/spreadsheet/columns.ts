import type { Cell } from './cells.js';

/*
 * Columns as importers declare them, and the loose matching of a file's column names and keys
 * against them: letter case, spaces, _ and -, and remarks in brackets such as 完成时限（必填）
 * do not matter.
 */

export interface ColumnSpec {
  /** How problems name the column, e.g. `牵头单位 (lead unit)`. */
  readonly label: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export type Columns<Key extends string> = Readonly<Record<Key, ColumnSpec>>;

export interface SourceRecord<Key extends string> {
  readonly row: number;
  readonly cells: Readonly<Partial<Record<Key, Cell>>>;
}

export const normalizedName = (name: string): string =>
  name
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-*＊:：]/g, '')
    .toLowerCase();

export function columnOf<Key extends string>(columns: Columns<Key>, name: string): Key | undefined {
  const wanted = normalizedName(name);
  if (wanted === '') return undefined;
  return (Object.keys(columns) as Key[]).find(
    (key) => normalizedName(key) === wanted || columns[key].aliases.some((alias) => normalizedName(alias) === wanted),
  );
}

export const isBlankCell = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** The key is one of the names, loosely matched. */
export const isNamed = (key: string, names: readonly string[]): boolean =>
  names.some((name) => normalizedName(name) === normalizedName(key));
