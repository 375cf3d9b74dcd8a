import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

/** axe-core's browser build, read once per worker. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule axe found broken, with where (CSS selectors through shadow roots) and why. */
export interface AxeProblem {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** The result types and impacts that fail a page (WCAG 2.2 A and AA rules, plus axe's best practices). */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations (an empty
 * list is a pass). axe is evaluated through the DevTools protocol, so a page's CSP does not block it.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeGlobal }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: JSON.stringify(node.target),
        summary: node.failureSummary ?? '',
      })),
    }));
  });
  return violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
}

/** The part of axe's API the helper calls (axe-core ships types, but for its module, not the page global). */
interface AxeGlobal {
  run(
    context: Document,
    options: { resultTypes: string[] },
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown; failureSummary?: string }[];
    }[];
  }>;
}
