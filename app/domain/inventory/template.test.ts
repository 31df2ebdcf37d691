import { describe, expect, it } from "vitest";
import { importInventoryFile } from "./import-file";
import { INVENTORY_COLUMNS, INVENTORY_FIELDS } from "./columns";
import { columnGuide, INVENTORY_EXAMPLE_ROWS, templateCsv } from "./template";
import { templateXlsx } from "../../models/inventory-template.server";
import type { InventoryProgress } from "./progress";

describe("the inventory templates", () => {
  it("the CSV template imports as it is: every column recognised, its example rows valid", async () => {
    const result = await importInventoryFile(new TextEncoder().encode(templateCsv()), "modele.csv");
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
    expect(result.rows.map((r) => r.rpls)).toEqual(INVENTORY_EXAMPLE_ROWS.map((r) => r.rpls));
    expect(result.warnings).toEqual([]);
    expect(result.rows[2].exclusion).toBe("etudiants");
  });

  it("the XLSX template imports as it is, with the same rows as the CSV one", async () => {
    const bytes = templateXlsx();
    const fromXlsx = await importInventoryFile(bytes, "modele.xlsx");
    const fromCsv = await importInventoryFile(new TextEncoder().encode(templateCsv()), "modele.csv");
    if (!fromXlsx.ok || !fromCsv.ok) throw new Error("template refused");
    expect(fromXlsx.rows.map(({ line: _l, ...r }) => r)).toEqual(fromCsv.rows.map(({ line: _l, ...r }) => r));
    expect(fromXlsx.source.format).toBe("xlsx");
  });

  it("the page's guide lists every column in the file's order, each with an example", () => {
    const guide = columnGuide();
    expect(guide.map((c) => c.label)).toEqual(INVENTORY_FIELDS.map((f) => INVENTORY_COLUMNS[f].label));
    for (const c of guide.filter((g) => g.field !== "exclusion" && g.field !== "conventionEnd")) expect(c.example, c.label).not.toBe("");
  });

  it("reports its progress while checking the rows, up to the total it announced", async () => {
    const header = templateCsv().split("\r\n")[0];
    const line = templateCsv().split("\r\n")[2];
    const rows = Array.from({ length: 4_500 }, (_, i) => line.replace("0310012346", String(3_100_000_000 + i)));
    const seen: InventoryProgress[] = [];
    const result = await importInventoryFile(new TextEncoder().encode([header, ...rows].join("\n")), "grand.csv", (p) => seen.push(p));
    expect(result.ok).toBe(true);
    expect(seen[0]).toEqual({ stage: "lecture", rows: 0, total: null });
    const checks = seen.filter((p) => p.stage === "verification");
    expect(checks.map((p) => p.rows)).toEqual([0, 2_000, 4_000]);
    expect(checks.every((p) => p.total === 4_500)).toBe(true);
  });
});
