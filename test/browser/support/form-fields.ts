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

/**
 * Picks the option reading `optionText` in the select of `form` whose form item reads `itemText`, and waits until the select
 * shows it chosen — a click that lands while the dropdown is still opening on a busy machine chooses nothing (CI 6 Dec: a
 * correction form then stayed open on its required-field error for two minutes).
 */
export async function chooseIn(form: Locator, page: Page, itemText: string, optionText: string): Promise<void> {
  const item = form.locator('.el-form-item', { hasText: itemText });
  const chosen = item.locator('.el-select__placeholder:not(.is-transparent)', { hasText: optionText });
  for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt += 1) {
    await item.locator('.el-select__wrapper').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).click();
    await chosen.waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
  await chosen.waitFor();
}

/**
 * Clicks `form`'s button named `button` and waits for the form to close (its submission taken). When it stays open, fails
 * with what the form says — its fields' errors and any message on it — instead of a bare timeout.
 */
export async function submitAndClose(form: Locator, button: string): Promise<void> {
  await form.getByRole('button', { name: button }).click();
  try {
    await form.waitFor({ state: 'detached' });
  } catch (cause) {
    const said = await form.locator('.el-form-item__error, .el-alert, [role="alert"]').allTextContents().catch(() => []);
    throw new Error(`the form stayed open after 「${button}」; it says: ${said.map((text) => text.trim()).filter(Boolean).join(' | ') || '(nothing)'}`, { cause });
  }
}
