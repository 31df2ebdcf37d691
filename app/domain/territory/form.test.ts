import { describe, expect, it } from "vitest";
import { territoryFormFields, territoryFromForm } from "./form";
import { type Territory, TerritorySchema } from "./schema";

function formOf(fields: readonly (readonly [string, string])[]): FormData {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

describe("territory form fields", () => {
  it("writes each form as hidden fields", () => {
    expect(territoryFormFields({ departement: "31" })).toEqual([["territory.kind", "departement"], ["territory.code", "31"]]);
    expect(territoryFormFields({ epci: "243100518" }, "perimetre")).toEqual([["perimetre.kind", "epci"], ["perimetre.code", "243100518"]]);
    expect(territoryFormFields({ communes: ["31069", "31157"] })).toEqual([["territory.kind", "communes"], ["territory.communes", "31069"], ["territory.communes", "31157"]]);
    expect(territoryFormFields(null)).toEqual([]);
  });

  it.each<Territory>([{ departement: "31" }, { epci: "243100518" }, { communes: ["31069", "31157"] }])("reads back what it wrote: %j", (territory) => {
    expect(TerritorySchema.parse(territoryFromForm(formOf(territoryFormFields(territory))))).toEqual(territory);
  });

  it("gives the schema something it refuses in French when nothing was chosen", () => {
    const parsed = TerritorySchema.safeParse(territoryFromForm(new FormData()));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toContain("choisissez un département, un EPCI ou une liste de communes");
    expect(TerritorySchema.safeParse(territoryFromForm(formOf([["territory.kind", "communes"]]))).error?.issues[0].message).toBe(
      "La liste de communes est vide : ajoutez au moins une commune.",
    );
  });
});
