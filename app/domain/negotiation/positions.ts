// Positions of the parties on the negotiable options, and the consensus they make. Pure: the server and the browser
// derive the same "à revoir" and consensus states from the same rows.
import { canonicalJson } from "../convention/articles";

export const POSITIONS = ["d_accord", "pas_d_accord", "sous_conditions", "abstention"] as const;
export type PositionValue = (typeof POSITIONS)[number];

/** French labels of positions and consensus states: app/domain/vocabulary. */
export { CONSENSUS_LABELS, POSITION_LABELS } from "../vocabulary/labels";

export interface PositionRecord {
  option: string;
  party: string;
  position: PositionValue;
  reason: string;
  condition: string | null;
  /** The option's value when the position was stated. */
  optionValue: unknown;
  author: string;
  at: string;
}

export type ConsensusState = "consensus" | "desaccord" | "en_attente";


/** True when the option changed since the position was stated: the party must look at it again. */
export function positionNeedsReview(record: Pick<PositionRecord, "optionValue">, currentValue: unknown): boolean {
  return canonicalJson(record.optionValue ?? null) !== canonicalJson(currentValue ?? null);
}

/** The latest position per option × party, from a history in chronological order. */
export function currentPositions<T extends Pick<PositionRecord, "option" | "party">>(history: T[]): Map<string, T> {
  const current = new Map<string, T>();
  for (const record of history) current.set(positionKey(record.option, record.party), record);
  return current;
}

export const positionKey = (option: string, party: string) => `${option}\u0000${party}`;

/**
 * An option is in consensus when every negotiating party has a current position that is not "à revoir" and none is
 * "pas d'accord" (sous conditions and abstention do not block); "désaccord" as soon as one current position is "pas
 * d'accord"; otherwise "en attente".
 */
export function optionConsensus(
  option: string,
  parties: string[],
  current: Map<string, Pick<PositionRecord, "position" | "optionValue">>,
  currentValue: unknown,
): ConsensusState {
  let waiting = false;
  for (const party of parties) {
    const record = current.get(positionKey(option, party));
    if (!record || positionNeedsReview(record, currentValue)) {
      waiting = true;
      continue;
    }
    if (record.position === "pas_d_accord") return "desaccord";
  }
  return waiting ? "en_attente" : "consensus";
}
