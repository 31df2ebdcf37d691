// The threads of a bilan: read by every party, written by the parties in édition or commentaire through the bilan's
// comment API (the convention's comment model, anchored to `bilan-<year>`).
import { useRevalidator } from "@remix-run/react";
import { useState } from "react";

export interface BilanThread {
  id: string;
  partyName: string;
  author: string;
  body: string;
  at: string;
  resolved: boolean;
  replies: { id: string; partyName: string; author: string; body: string; at: string }[];
}

const dateTime = (iso: string) => new Date(iso).toLocaleString("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export function BilanComments({ base, threads, canComment }: { base: string; threads: BilanThread[]; canComment: boolean }) {
  const revalidator = useRevalidator();
  const [error, setError] = useState<string | null>(null);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    if (!response) {
      setError("Le serveur est injoignable : l'observation n'a pas été envoyée.");
      return false;
    }
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      setError(json?.message ?? "L'envoi a échoué.");
      return false;
    }
    setError(null);
    revalidator.revalidate();
    return true;
  };
  const submit = (path: string) => async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = String(new FormData(form).get("body") ?? "");
    if (await post(path, { body })) form.reset();
  };
  return (
    <section className="card" aria-labelledby="bilan-comments-title">
      <h2 id="bilan-comments-title">Observations des parties</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {threads.length === 0 ? <p className="muted">Aucune observation sur ce bilan.</p> : null}
      {threads.map((thread) => (
        <article key={thread.id} className="bilan-thread" aria-label={`Observation de ${thread.partyName}`}>
          <p className="muted">
            {thread.partyName} — {thread.author}, {dateTime(thread.at)}
            {thread.resolved ? " — résolue" : ""}
          </p>
          <p>{thread.body}</p>
          <ul>
            {thread.replies.map((reply) => (
              <li key={reply.id}>
                <p className="muted">
                  {reply.partyName} — {reply.author}, {dateTime(reply.at)}
                </p>
                <p>{reply.body}</p>
              </li>
            ))}
          </ul>
          {canComment ? (
            <>
              <form onSubmit={submit(`/${thread.id}/replies`)}>
                <label htmlFor={`reply-${thread.id}`}>Répondre</label>
                <textarea id={`reply-${thread.id}`} name="body" rows={2} required maxLength={5000} />
                <button type="submit">Envoyer la réponse</button>
              </form>
              <button type="button" className="button-link" onClick={() => void post(`/${thread.id}/${thread.resolved ? "reopen" : "resolve"}`, {})}>
                {thread.resolved ? "Rouvrir l'observation" : "Marquer comme résolue"}
              </button>
            </>
          ) : null}
        </article>
      ))}
      {canComment ? (
        <form onSubmit={submit("")}>
          <label htmlFor="bilan-comment">Nouvelle observation sur ce bilan</label>
          <textarea id="bilan-comment" name="body" rows={3} required maxLength={5000} />
          <button type="submit">Publier l'observation</button>
        </form>
      ) : (
        <p className="muted">Votre rôle (lecture) permet de lire les observations, pas d'en publier.</p>
      )}
    </section>
  );
}
