// The three forms of a convention's territory, as one zod schema for forms, APIs and the CLI's parameters:
// { departement: "31" } | { epci: "243100518" } | { communes: ["31069", "31157"] }. The schema checks formats only;
// whether the codes exist is resolveTerritory's job, against the geography.
import { z } from "zod";

import { isDepartementCode, isInseeCode, isSiren } from "./codes";
import { MAX_TERRITORY_COMMUNES } from "./limits";
import { type TerritoryErrorCode, type TerritoryField, type TerritoryIssue, territoryMessages } from "./messages";

export type Territory = { departement: string } | { epci: string } | { communes: string[] };
export type TerritoryKind = "departement" | "epci" | "communes";

const FORM_KEYS = ["departement", "epci", "communes"] as const;

type IssueContext = { addIssue: (issue: z.core.$ZodRawIssue) => void };

function flag(ctx: IssueContext, code: TerritoryErrorCode, message: string, path: (string | number)[]) {
  ctx.addIssue({ code: "custom", message, path, params: { territoryCode: code }, input: undefined });
}

const describe = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value) ?? String(value));

function parseTerritory(input: unknown, ctx: IssueContext): Territory | typeof z.NEVER {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    flag(ctx, "TERRITOIRE_FORME_INVALIDE", territoryMessages.TERRITOIRE_FORME_INVALIDE("un objet est attendu."), []);
    return z.NEVER;
  }
  const fields = input as Record<string, unknown>;
  const unknownKeys = Object.keys(fields).filter((key) => !(FORM_KEYS as readonly string[]).includes(key));
  const given = FORM_KEYS.filter((key) => fields[key] !== undefined);
  if (unknownKeys.length > 0) {
    const names = unknownKeys.map((key) => `« ${key} »`).join(", ");
    flag(ctx, "TERRITOIRE_FORME_INVALIDE", territoryMessages.TERRITOIRE_FORME_INVALIDE(`champ(s) non attendu(s) ${names}.`), []);
    return z.NEVER;
  }
  if (given.length !== 1) {
    const detail = given.length === 0
      ? "choisissez un département, un EPCI ou une liste de communes."
      : `un seul territoire à la fois (${given.map((key) => `« ${key} »`).join(" et ")} sont donnés ensemble).`;
    flag(ctx, "TERRITOIRE_FORME_INVALIDE", territoryMessages.TERRITOIRE_FORME_INVALIDE(detail), []);
    return z.NEVER;
  }

  const value = fields[given[0]];
  switch (given[0]) {
    case "departement": {
      const code = typeof value === "string" ? value.trim().toUpperCase() : "";
      if (isDepartementCode(code)) return { departement: code };
      flag(ctx, "TERRITOIRE_DEPARTEMENT_INVALIDE", territoryMessages.TERRITOIRE_DEPARTEMENT_INVALIDE(describe(value)), ["departement"]);
      return z.NEVER;
    }
    case "epci": {
      // A SIREN is often printed in groups of three ("243 100 518").
      const siren = typeof value === "string" ? value.replace(/\s/g, "") : "";
      if (isSiren(siren)) return { epci: siren };
      flag(ctx, "TERRITOIRE_EPCI_INVALIDE", territoryMessages.TERRITOIRE_EPCI_INVALIDE(describe(value)), ["epci"]);
      return z.NEVER;
    }
    case "communes": {
      if (!Array.isArray(value)) {
        flag(ctx, "TERRITOIRE_FORME_INVALIDE", territoryMessages.TERRITOIRE_FORME_INVALIDE("« communes » doit être une liste de codes INSEE."), ["communes"]);
        return z.NEVER;
      }
      if (value.length === 0) {
        flag(ctx, "TERRITOIRE_COMMUNES_VIDE", territoryMessages.TERRITOIRE_COMMUNES_VIDE(), ["communes"]);
        return z.NEVER;
      }
      const codes = new Set<string>();
      let valid = true;
      value.forEach((entry, index) => {
        const code = typeof entry === "string" ? entry.trim().toUpperCase() : "";
        if (isInseeCode(code)) codes.add(code);
        else {
          valid = false;
          flag(ctx, "TERRITOIRE_COMMUNE_INVALIDE", territoryMessages.TERRITOIRE_COMMUNE_INVALIDE(index, describe(entry)), ["communes", index]);
        }
      });
      if (codes.size > MAX_TERRITORY_COMMUNES) {
        flag(ctx, "TERRITOIRE_COMMUNES_TROP_NOMBREUSES", territoryMessages.TERRITOIRE_COMMUNES_TROP_NOMBREUSES(codes.size), ["communes"]);
        return z.NEVER;
      }
      return valid ? { communes: [...codes].sort() } : z.NEVER;
    }
  }
}

/**
 * A territory in one of its three forms, normalized: département in upper case ("2a" → "2A"), SIREN without spaces,
 * communes upper-cased, deduplicated and sorted. Every refusal carries a French message and a stable code
 * (`territoryIssues`).
 */
export const TerritorySchema = z.unknown().transform((input, ctx) => parseTerritory(input, ctx)) as z.ZodType<Territory, unknown>;

export function territoryKind(territory: Territory): TerritoryKind {
  return "departement" in territory ? "departement" : "epci" in territory ? "epci" : "communes";
}

/** A stable string naming the territory: "departement:31", "epci:243100518", "communes:31069,31157" (in any order given). */
export function territoryKey(territory: Territory): string {
  if ("departement" in territory) return `departement:${territory.departement}`;
  if ("epci" in territory) return `epci:${territory.epci}`;
  return `communes:${[...new Set(territory.communes)].sort().join(",")}`;
}

/** The issues of a failed territory parse, with their codes; `path` prefixes are dropped (the schema may be nested). */
export function territoryIssues(error: z.ZodError): TerritoryIssue[] {
  return error.issues.map((issue) => {
    const code = ((issue as { params?: { territoryCode?: TerritoryErrorCode } }).params?.territoryCode) ?? "TERRITOIRE_FORME_INVALIDE";
    const at = issue.path.findIndex((part) => (FORM_KEYS as readonly PropertyKey[]).includes(part));
    const field: TerritoryField = at >= 0 ? (issue.path[at] as TerritoryField) : "territoire";
    const index = at >= 0 && typeof issue.path[at + 1] === "number" ? (issue.path[at + 1] as number) : undefined;
    return index === undefined ? { code, message: issue.message, field } : { code, message: issue.message, field, index };
  });
}
