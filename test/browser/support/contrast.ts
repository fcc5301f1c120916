import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core from node_modules, injected into the page (nothing is fetched: the suite runs offline). */
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: string[]; any: { message: string }[] }[] }[];
}

/**
 * The page's text that fails WCAG 2 AA contrast (axe-core's `color-contrast` rule: 4.5:1 for
 * normal text, 3:1 for large), one line per element: `selector: axe's message`. Empty when it passes.
 */
export async function contrastFailures(page: Page): Promise<string[]> {
  if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) await page.addScriptTag({ path: AXE_SCRIPT });
  const result = (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] })`)) as AxeResult;
  return result.violations.flatMap((violation) => violation.nodes.map((node) => `${node.target.join(' ')}: ${node.any[0]?.message ?? violation.help}`));
}
