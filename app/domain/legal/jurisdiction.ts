// The dispute clause follows the parties' nature (docs/domain.md, "Règlement des différends"): a convention with a
// public person among its parties (the State, a collectivité, an EPCI, an OPH or another public établissement) is an
// administrative contract, whose disputes go to the administrative court; between private persons only (a société
// d'HLM and Action Logement Services, say), to the judicial court. An amicable step comes first in both cases.
import { isPublicPerson } from "./forms";
import type { LegalParty } from "./party";
import { legalName } from "./designation";

export type Court = "administratif" | "judiciaire";

/**
 * The court of the parties' disputes, with the public persons that make it administrative; `undefined` while the
 * legal form of a party whose nature decides it is not known.
 */
export function disputeCourt(parties: readonly LegalParty[]): { court: Court; publicParties: LegalParty[] } | undefined {
  const natures = parties.map((party) => ({ party, isPublic: isPublicPerson(party.kind, party.legal?.form) }));
  const publicParties = natures.filter((n) => n.isPublic === true).map((n) => n.party);
  if (publicParties.length > 0) return { court: "administratif", publicParties };
  if (natures.some((n) => n.isPublic === undefined)) return undefined;
  return { court: "judiciaire", publicParties: [] };
}

/**
 * The amicable step, then the court the parties' nature designates. While a party whose nature decides it has not
 * given its legal form, the clause names the competent court without choosing the order; the party's block is then
 * incomplete, so the convention cannot be « prête pour signature » with this wording.
 */
export function disputeClause(parties: readonly LegalParty[]): string {
  const decided = disputeCourt(parties);
  const amicable =
    "Tout différend relatif à l'interprétation ou à l'exécution de la présente convention fait d'abord l'objet d'une recherche d'accord amiable : la partie la plus diligente en saisit les autres par écrit, et les parties se réunissent dans le mois qui suit.";
  if (!decided)
    return `${amicable} À défaut d'accord dans un délai de deux mois à compter de cette saisine, le différend est porté devant la juridiction territorialement compétente, administrative si une personne publique est partie à la convention, judiciaire sinon.`;
  if (decided.court === "administratif") {
    const names = decided.publicParties.map(legalName);
    const who =
      names.length === 1
        ? `${names[0]} y est partie en qualité de personne publique`
        : `${names.slice(0, -1).join(", ")} et ${names.at(-1)} y sont parties en qualité de personnes publiques`;
    return `${amicable} À défaut d'accord dans un délai de deux mois à compter de cette saisine, le différend est porté devant le tribunal administratif territorialement compétent, la convention étant un contrat administratif : ${who}.`;
  }
  return `${amicable} À défaut d'accord dans un délai de deux mois à compter de cette saisine, le différend est porté devant le tribunal judiciaire territorialement compétent, aucune des parties n'étant une personne publique.`;
}
