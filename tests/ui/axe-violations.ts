/** The happy-dom accessibility check the screen tests share: axe-core over the whole page. */
import axe from 'axe-core';

/**
 * axe-core's violations on the page, one "rule: targets" line each. The rules that need a layout
 * engine (happy-dom has none) are left to the Chromium e2e suite; so is `region`, which the
 * partial pages of these tests cannot satisfy.
 */
export async function axeViolations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
