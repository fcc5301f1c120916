import type { Locator, Page } from 'playwright-core';
import type { TestApp } from '../../support/test-app.js';

/** The Element Plus form item (`.el-form-item`) of `form` whose field carries exactly `label`. */
export const formItem = (form: Locator, page: Page, label: string): Locator =>
  form.locator('.el-form-item', { has: page.getByLabel(label, { exact: true }) });

/** The chosen value shown by the select labelled `label` (its placeholder, when not the greyed-out prompt). */
export const chosenIn = (form: Locator, page: Page, label: string): Locator =>
  formItem(form, page, label).locator('.el-select__placeholder:not(.is-transparent)');

/** Types an office day (`YYYY-MM-DD`) into the date picker labelled `label` and confirms it as a clerk does, with Enter. */
export async function typeDay(form: Locator, label: string, day: string): Promise<void> {
  const field = form.getByLabel(label, { exact: true });
  await field.fill(day);
  await field.press('Enter');
}

/**
 * The demo directory's registration day (`YYYY-MM-DD`, China office day) and its 发展和改革委员会 (code FGW). The demo
 * registers every unit on one day, which the pickers' words name; a demo registering on several days fails here, not in
 * a word comparison further on.
 */
export async function demoRegistration(app: TestApp): Promise<{ registeredOn: string; fgw: { id: string; name: string } }> {
  const { data } = await app.graphql(`{ units { id code name registeredOn } }`);
  const units = data!.units as { id: string; code: string; name: string; registeredOn: string }[];
  const days = new Set(units.map((unit) => unit.registeredOn));
  if (days.size !== 1) throw new Error(`the demo registers its units on ${days.size} days (${[...days].join(', ')}), the specs expect one`);
  const fgw = units.find((unit) => unit.code === 'FGW');
  if (!fgw) throw new Error('the demo has no unit coded FGW');
  return { registeredOn: [...days][0]!, fgw: { id: fgw.id, name: fgw.name } };
}
