import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { DOC_KEYS } from "~/domain/convention/state";
import { NEGOTIATION_MAP, NEGOTIATION_REV } from "~/domain/negotiation/live";
import type { DiffPart } from "~/domain/negotiation/diff";
import type { ConsensusState, PositionValue } from "~/domain/negotiation/positions";
import type { ConventionStatus } from "~/lib/status";

export interface NegotiationData {
  status: ConventionStatus;
  negotiators: string[];
  articles: { id: string; number: number; title: string; hash: string }[];
  /** Each bailleur's flux table: approved by that bailleur alone. */
  tables: { id: string; bailleur: string; title: string; hash: string; computed: boolean }[];
  options: { key: string; label: string; value: { choice: string } | null; valueLabel: string }[];
  positions: {
    option: string;
    party: string;
    partyName: string;
    position: PositionValue;
    reason: string;
    condition: string | null;
    author: string;
    at: string;
    current: boolean;
    status: "a_jour" | "a_revoir";
  }[];
  consensus: { option: string; state: ConsensusState }[];
  readiness: {
    missingApprovals: { article: string; party: string }[];
    optionsWithoutConsensus: string[];
    /** Parties whose signature block misses a field (docs/decisions/0602-legal-persons-and-signature-blocks.md). */
    incompleteSignatureBlocks?: { party: string; partyName: string; missing: { field: string; label: string }[] }[];
  };
  approvals: { article: string; party: string; partyName: string; status: "approuve" | "a_revoir"; author: string; at: string; diff?: DiffPart[] }[];
  comments: {
    id: string;
    party: string;
    partyName: string;
    author: string;
    body: string;
    at: string;
    article: string | null;
    anchor: { quote?: string; from?: Record<string, unknown>; to?: Record<string, unknown> } | null;
    resolved: boolean;
    replies: { id: string; partyName: string; author: string; body: string; at: string }[];
  }[];
  deadlines: { option: string; deadline: string; author: string; at: string; overdue: boolean }[];
  versions: { id: string; number: number; name: string; automatic: boolean; status: string; author: string | null; at: string }[];
  /** The journal: each event's codes (kind, details) and its French words (label, summary, changes). */
  audit: {
    id: number;
    kind: string;
    details: Record<string, unknown>;
    at: string;
    user: string | null;
    organisation: string | null;
    label: string;
    summary: string;
    changes: { what: string; from: string | null; to: string | null }[];
  }[];
}

export type Send = (path: string, body: unknown) => Promise<{ ok: boolean; message?: string; data?: unknown }>;

/**
 * The negotiation view, refetched whenever the server bumps the document's negotiation revision (after any party's
 * write), so that every open browser shows positions, approvals, comments and status without reload.
 */
export function useNegotiation(doc: Y.Doc, conventionId: string) {
  const [data, setData] = useState<NegotiationData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revalidator = useRevalidator();
  const lastStatus = useRef<string | null>(null);
  const base = `/api/conventions/${conventionId}`;

  const refresh = useCallback(async () => {
    let response: Response;
    try {
      response = await fetch(`${base}/negotiation`, { headers: { accept: "application/json" } });
    } catch {
      // Offline: the view shown stays; the next revision bump after reconnection refetches it.
      return;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) return setError(body?.message ?? "La négociation n'a pas pu être chargée.");
    setError(null);
    setData(body as NegotiationData);
  }, [base]);

  useEffect(() => {
    void refresh();
    const map = doc.getMap(NEGOTIATION_MAP);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has(NEGOTIATION_REV)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 50);
    };
    map.observe(onChange);
    // Options, parameters and text decide "à revoir": refetch after they change too (later for typing bursts).
    const data = [doc.getMap(DOC_KEYS.options), doc.getMap(DOC_KEYS.parameters), doc.getMap(DOC_KEYS.flux)];
    const body = doc.getXmlFragment(DOC_KEYS.body);
    const later = (ms: number) => () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), ms);
    };
    const onData = later(300);
    const onBody = later(1_500);
    for (const type of data) type.observe(onData);
    body.observeDeep(onBody);
    return () => {
      clearTimeout(timer);
      map.unobserve(onChange);
      for (const type of data) type.unobserve(onData);
      body.unobserveDeep(onBody);
    };
  }, [doc, refresh]);

  // The page header shows the status from the loader: reload it when the status changes.
  useEffect(() => {
    if (!data) return;
    if (lastStatus.current !== null && lastStatus.current !== data.status && revalidator.state === "idle") revalidator.revalidate();
    lastStatus.current = data.status;
  }, [data, revalidator]);

  const send: Send = useCallback(
    async (path, body) => {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(body ?? {}),
        });
      } catch {
        return { ok: false, message: "Le serveur est injoignable : rien n'a été enregistré. Réessayez une fois la connexion revenue." };
      }
      const json = await response.json().catch(() => null);
      if (!response.ok) return { ok: false, message: json?.message ?? "L'action a échoué." };
      void refresh();
      return { ok: true, data: json };
    },
    [base, refresh],
  );

  return { data, error, refresh, send, base };
}
