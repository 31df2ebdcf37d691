import { useEffect, useRef, useState } from "react";
import type { NegotiationData } from "~/components/negotiation/use-negotiation";

/** At most one announcement in this many milliseconds: a burst of changes is read as one summary, not one by one. */
const QUIET_MS = 5_000;

/**
 * Tells screen-reader users what the other parties just did (a position, an approval, a comment, a status…), read
 * from the journal after each refetch. Their own actions are confirmed where they act; changes arriving together are
 * announced as one sentence, and never more than one every few seconds.
 */
export function LiveAnnouncer({ audit, me }: { audit: NegotiationData["audit"] | undefined; me: string }) {
  const [message, setMessage] = useState("");
  const seen = useRef<number | null>(null);
  const pending = useRef<NegotiationData["audit"]>([]);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!audit) return;
    const newest = audit.at(-1)?.id ?? 0;
    if (seen.current === null) {
      seen.current = newest;
      return;
    }
    const fresh = audit.filter((e) => e.id > seen.current! && e.user !== me);
    seen.current = Math.max(seen.current, newest);
    if (fresh.length === 0) return;
    pending.current.push(...fresh);
    const say = () => {
      const events = pending.current;
      pending.current = [];
      last.current = Date.now();
      const latest = events.at(-1)!;
      const who = latest.user ? `${latest.user}${latest.organisation ? ` (${latest.organisation})` : ""}` : "Conflux";
      setMessage(events.length === 1 ? `${who} : ${latest.summary}` : `${events.length} changements dans la convention, dont ${who} : ${latest.summary}`);
    };
    clearTimeout(timer.current);
    const wait = Math.max(0, last.current + QUIET_MS - Date.now());
    timer.current = setTimeout(say, wait === 0 ? 300 : wait);
  }, [audit, me]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
      {message}
    </div>
  );
}
