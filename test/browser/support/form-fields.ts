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
 * shows it chosen — a click that lands while the dropdown is still opening can choose nothing (a press and a release that
 * fall on two elements while the list still moves click neither; CI 6 Dec: a correction form stayed open on its
 * required-field error; CI 7 Dec, ci54a: 更正记录日期 neither asked for 新的整改时限 nor sent, twice on one card). Clicked
 * again until shown chosen; failing, says what the form shows.
 */
export async function chooseIn(form: Locator, page: Page, itemText: string, optionText: string): Promise<void> {
  await chooseOption(form.locator('.el-form-item', { hasText: itemText }).locator('.el-select'), page, optionText, async () => `the form shows: ${await formShows(form)}`);
}

/**
 * `chooseIn`'s choice in any single-choice Element Plus select (`select`: its `.el-select`, in a form or not — a page's
 * picker): the option holding `optionText` (the first such), clicked until the select shows it chosen; failing, says what
 * the select shows (or `shows()`, what its form shows). A list already open (opened to read what it offers) is chosen from
 * as it is, not toggled shut by another click on the select.
 */
export async function chooseOption(select: Locator, page: Page, optionText: string, shows?: () => Promise<string>): Promise<void> {
  const chosen = select.locator('.el-select__placeholder:not(.is-transparent)', { hasText: optionText });
  await clickOptionUntilShown(select, page, optionText, chosen);
  try {
    // Shown chosen is in the page, not necessarily "visible" to Playwright: the phone's 排序 select on 总览 showed its choice
    // in a placeholder Playwright resolved as hidden for 120 s (ci56a's full run).
    await chosen.first().waitFor({ state: 'attached' });
  } catch (cause) {
    const said = shows ? await shows() : `the select shows: ${(await select.locator('.el-select__placeholder').allTextContents().catch(() => [])).join(' ') || '(nothing)'}`;
    throw new Error(`「${optionText}」 not shown chosen after clicking it; ${said}`, { cause });
  }
}

/**
 * `chooseOption` for a multiple-choice select (`select`: its `.el-select`; 责任单位（可多选）, a circular's 所涉问题或工作事项):
 * adds the option holding `optionText` (the first such) to the choices, clicked until the select shows it as a tag — never
 * clicked again once shown (a second click takes it out). The list stays open (close it with Escape). Failing, says what the
 * select shows (or `shows()`).
 */
export async function addChoice(select: Locator, page: Page, optionText: string, shows?: () => Promise<string>): Promise<void> {
  const tag = select.locator('.el-tag', { hasText: optionText });
  await clickOptionUntilShown(select, page, optionText, tag);
  try {
    await tag.first().waitFor();
  } catch (cause) {
    const said = shows ? await shows() : `the select shows: ${(await select.locator('.el-tag').allTextContents().catch(() => [])).join('、') || '(nothing chosen)'}`;
    throw new Error(`「${optionText}」 not shown chosen after clicking it; ${said}`, { cause });
  }
}

/**
 * Clicks `select`'s option holding `optionText` until `shown` (what the select shows once it is chosen) is there, three tries:
 * the select clicked open unless its list is open already (aria-expanded), the option looked up in that select's own list (its
 * input's aria-controls, where the page holds it; another select's list still closing is not clicked), each click and each wait bounded so a click
 * that chose nothing is tried again.
 */
async function clickOptionUntilShown(select: Locator, page: Page, optionText: string, shown: Locator): Promise<void> {
  const input = select.locator('input[role="combobox"]').first();
  for (let attempt = 0; attempt < 3 && (await shown.count()) === 0; attempt += 1) {
    if ((await input.getAttribute('aria-expanded', { timeout: 10_000 }).catch(() => null)) !== 'true') await select.locator('.el-select__wrapper').first().click();
    const list = await input.getAttribute('aria-controls', { timeout: 10_000 }).catch(() => null);
    const own = list ? page.locator(`[id="${list}"]`) : null;
    const options = own && (await own.count()) > 0 ? own.locator('.el-select-dropdown__item:visible') : page.locator('.el-select-dropdown__item:visible');
    await options.filter({ hasText: optionText }).first().click({ timeout: 30_000 }).catch(() => undefined);
    await shown.first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  }
}

/**
 * Types office day `day` (`YYYY-MM-DD`) into the date field of `form` labelled `label` and leaves it with Tab (or confirms it
 * with `confirm` = Enter, as a keyboard user does), then waits until the field holds it — what the form asks next (a due date
 * past the one then in force) is judged on it; not taken, fails saying what the form shows instead of waiting on a field that
 * never comes. Not for a day the picker itself rejects (one that does not exist, or one it disables): the field never holds it.
 */
export async function setDayIn(form: Locator, label: string, day: string, timeoutMs = 30_000, confirm: 'Tab' | 'Enter' = 'Tab'): Promise<void> {
  const field = form.getByLabel(label);
  await field.fill(day);
  await field.press(confirm);
  for (const deadline = Date.now() + timeoutMs; (await field.inputValue().catch(() => '')) !== day; ) {
    if (Date.now() > deadline) throw new Error(`「${label}」 does not hold ${day} after typing it; the form shows: ${await formShows(form)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The little of a DOM element `formShows` reads in the page (the root's tsconfig has no DOM types). */
interface DomNode {
  readonly textContent: string | null;
  readonly value?: string;
  getClientRects(): { readonly length: number };
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
  closest(selector: string): DomNode | null;
}

/**
 * What `form` shows now, in one line for a failure message: each visible field as its label reads (a label may name the
 * values it depends on) with its value — a select's choice as shown, a date or text as typed, 「（未选）」/「（空）」 when
 * none — and its error, then any message above or in the form; 「表单不在页面上」 once it has closed (or never opened).
 */
export async function formShows(form: Locator): Promise<string> {
  if ((await form.count().catch(() => 0)) === 0) return '表单不在页面上（已关闭或未打开）';
  return form
    .first()
    .evaluate((element: DomNode) => {
      const text = (node: DomNode | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const visible = (node: DomNode) => node.getClientRects().length > 0;
      const all = (node: DomNode, selector: string) => Array.from(node.querySelectorAll(selector));
      const fields = all(element, '.el-form-item').filter(visible).map((item) => {
        const label = text(item.querySelector('.el-form-item__label'));
        const select = item.querySelector('.el-select');
        const inputs = all(item, 'input:not([type="radio"]):not([type="checkbox"]), textarea');
        const checked = all(item, '.el-radio.is-checked').map(text);
        const value = select
          ? text(select.querySelector('.el-select__placeholder:not(.is-transparent)')) || '（未选）'
          : checked.length > 0
            ? checked.join('、')
            : item.querySelector('.el-radio') !== null
              ? '（未选）'
              : inputs.map((input) => input.value ?? '').filter(Boolean).join('、') || '（空）';
        const error = text(item.querySelector('.el-form-item__error'));
        return `${label} = ${value}${error ? ` [${error}]` : ''}`;
      });
      const messages = all(element, '.el-alert, [role="alert"]').filter((node) => node.closest('.el-form-item') === null && visible(node)).map(text).filter(Boolean);
      return `${fields.join('；') || '（无字段）'}${messages.length > 0 ? `；提示：${[...new Set(messages)].join(' | ')}` : ''}`;
    })
    .catch((error: unknown) => `（未能读取表单：${error instanceof Error ? error.message.split('\n')[0] : String(error)}）`);
}

/**
 * Waits for `target` (something `form` should come to show: a field under a label naming the day it judges by, a refusal)
 * and fails, when it does not come, with what the form shows instead (`formShows`: its record, its day, its visible
 * fields and messages) — a recurrence on a loaded CI machine explains itself, not a bare timeout naming a locator.
 */
export async function seenInForm(form: Locator, target: Locator, what: string, timeoutMs?: number): Promise<void> {
  try {
    await target.waitFor(timeoutMs === undefined ? {} : { timeout: timeoutMs });
  } catch (cause) {
    throw new Error(`${what}: not shown; the form shows: ${await formShows(form)}`, { cause });
  }
}

/**
 * Clicks `form`'s button named `button` (its words, or a pattern of them: a confirmation's 「确认…」) and waits for the form to close (its submission taken). When it stays open, fails
 * with what the form shows (`formShows`: its fields as they read, their errors, any message on it) instead of a bare timeout.
 */
export async function submitAndClose(form: Locator, button: string | RegExp): Promise<void> {
  await form.getByRole('button', { name: button }).click();
  try {
    await form.waitFor({ state: 'detached' });
  } catch (cause) {
    throw new Error(`the form stayed open after 「${button}」; it shows: ${await formShows(form)}`, { cause });
  }
}
