// The hidden fields through which a plain <Form> posts a territory (written by app/components/TerritoryPicker.tsx):
// `territory.kind` = departement | epci | communes, then `territory.code`, or one `territory.communes` per commune.

/** Default prefix of the fields; a form holding two territories gives each its own. */
export const TERRITORY_FIELD_PREFIX = "territory";

export type TerritoryFormFields = readonly (readonly [name: string, value: string])[];

/** The fields that carry a territory, in order: what the picker renders as hidden inputs. */
export function territoryFormFields(
  territory: { departement: string } | { epci: string } | { communes: readonly string[] } | null,
  prefix = TERRITORY_FIELD_PREFIX,
): TerritoryFormFields {
  if (territory === null) return [];
  if ("departement" in territory) return [[`${prefix}.kind`, "departement"], [`${prefix}.code`, territory.departement]];
  if ("epci" in territory) return [[`${prefix}.kind`, "epci"], [`${prefix}.code`, territory.epci]];
  return [[`${prefix}.kind`, "communes"], ...territory.communes.map((code) => [`${prefix}.communes`, code] as const)];
}

/**
 * Reads the fields back into the shape TerritorySchema parses; a missing or unknown kind gives `{}`, which the
 * schema refuses with "choisissez un département, un EPCI ou une liste de communes".
 */
export function territoryFromForm(form: FormData, prefix = TERRITORY_FIELD_PREFIX): unknown {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const kind = text(`${prefix}.kind`);
  if (kind === "departement") return { departement: text(`${prefix}.code`) ?? "" };
  if (kind === "epci") return { epci: text(`${prefix}.code`) ?? "" };
  if (kind === "communes") return { communes: form.getAll(`${prefix}.communes`).filter((v): v is string => typeof v === "string") };
  return {};
}
