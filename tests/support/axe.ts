// axe-core (pinned in package.json) run inside a page by playwright: every WCAG 2.1 A/AA rule and axe's best
// practices. A page passes with no violation and no color-contrast result that axe could not decide ("incomplete":
// text over an image, a gradient, overlapping elements…), since an undecided contrast is one nobody checked.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeNode {
  target: string[];
  failureSummary?: string;
  any?: { message: string }[];
}
interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** The problems axe finds in the page (or in `include`, a CSS selector), each as one readable line. */
export async function axeProblems(page: Page, include?: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (scripts with a nonce only) does not apply to it.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  // At the top of the page: scrolled down, the sticky table of contents lies over whatever passes under it, and axe
  // reports every such text as a contrast it cannot decide.
  await page.evaluate(() => window.scrollTo(0, 0));
  const results = (await page.evaluate(
    async ({ include }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }).axe;
      return axe.run(include ? { include: [include] } : document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        resultTypes: ["violations", "incomplete"],
      });
    },
    { include },
  )) as { violations: AxeResult[]; incomplete: AxeResult[] };
  const line = (kind: string, r: AxeResult) =>
    `${kind} ${r.id} (${r.impact ?? "?"}) — ${r.help}: ${r.nodes
      .slice(0, 5)
      .map((n) => `${n.target.join(" ")}${n.any?.[0]?.message ? ` [${n.any[0].message}]` : ""}`)
      .join(" | ")}${r.nodes.length > 5 ? ` (+${r.nodes.length - 5})` : ""}`;
  return [
    ...results.violations.map((r) => line("violation", r)),
    ...results.incomplete.filter((r) => r.id === "color-contrast").map((r) => line("incomplete", r)),
  ];
}
