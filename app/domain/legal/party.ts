// What the legal rules read of a party: its kind, its portal name, its legal identity and its signatory.
import type { LegalIdentity, SignatoryInfo } from "./identity";

export interface LegalParty {
  kind: string;
  /** The organisation's name in the portal ("DDETS de la Haute-Garonne"), used when no legal name is known. */
  name: string;
  legal?: LegalIdentity;
  signatory?: SignatoryInfo;
}
