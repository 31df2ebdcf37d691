import { createContext, useContext, useEffect, useState } from "react";
import type * as Y from "yjs";
import { readConventionData, readServerMirror, type DataIssue } from "~/collab/state";
import { computeConventionFlux, type ConventionFlux } from "~/domain/convention/scenario";
import { DOC_KEYS, type ConventionState, type PartyInfo } from "~/domain/convention/state";

export interface LiveConvention {
  state: ConventionState | null;
  flux: ConventionFlux | null;
  issues: DataIssue[];
  /** Messages the server wrote when it refused a change, keyed by the refused field. */
  refusals: Record<string, { path: string; message: string; userId: string | null; at: string }>;
}

const EMPTY: LiveConvention = { state: null, flux: null, issues: [], refusals: {} };

/** The convention's data as every participant sees it, recomputed (flux included) after each change of the document. */
export function useLiveConvention(doc: Y.Doc, conventionId: string, parties: PartyInfo[]): LiveConvention {
  const [live, setLive] = useState<LiveConvention>(EMPTY);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recompute = () => {
      timer = undefined;
      const { data, issues } = readConventionData(doc);
      const refusals = doc.getMap(DOC_KEYS.refusals).toJSON() as LiveConvention["refusals"];
      if (!data) return setLive({ ...EMPTY, issues, refusals });
      // The parties as the server mirrors them follow invitations and removals live; the page's list is the fallback.
      const state: ConventionState = { id: conventionId, parties: readServerMirror(doc).parties ?? parties, ...data, body: { type: "doc", content: [] } };
      setLive({ state, flux: computeConventionFlux(state), issues, refusals });
    };
    // Coalesce the updates of one burst (a sync step, a remote transaction) into one recomputation, without waiting
    // for the next animation frame: the figures should follow a remote change as soon as it arrives.
    const schedule = () => {
      timer ??= setTimeout(recompute, 0);
    };
    const watched = [
      doc.getMap(DOC_KEYS.meta),
      doc.getMap(DOC_KEYS.parameters),
      doc.getMap(DOC_KEYS.options),
      doc.getMap(DOC_KEYS.flux),
      doc.getMap(DOC_KEYS.refusals),
      doc.getMap(DOC_KEYS.server),
    ];
    for (const t of watched) t.observeDeep(schedule);
    recompute();
    return () => {
      for (const t of watched) t.unobserveDeep(schedule);
      clearTimeout(timer);
    };
  }, [doc, conventionId, parties]);
  return live;
}

export const LiveConventionContext = createContext<LiveConvention>(EMPTY);
export const useLiveConventionContext = () => useContext(LiveConventionContext);
