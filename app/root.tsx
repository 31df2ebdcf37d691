import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { forgetLocalCopies } from "~/components/CollabEditor";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { getUser } from "./lib/auth.server";
import { ORGANISATION_KIND_LABELS } from "./lib/roles";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "48x48" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** Used only when the error boundary replaces the page (each page names itself otherwise). */
export const meta: MetaFunction = ({ error }) =>
  error ? [{ title: `${isRouteErrorResponse(error) && error.status === 404 ? "Page introuvable" : "Erreur"} — Conflux` }] : [];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return {
    nonce: context.cspNonce,
    user: user && {
      name: user.name,
      email: user.email,
      organisationName: user.organisationName,
      organisationKind: user.organisationKind,
    },
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.nonce;
  // Set once React has taken over the server's HTML: what is typed before may not be seen by the page's handlers, and
  // the browser tests wait for it before typing (tests/support/browser.ts, `waitForHydration`).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        Conflux
      </Link>
      {user ? (
        <nav className="topbar-user" aria-label="Compte">
          <Link to="/">Mes conventions</Link>
          {user.organisationKind === "bailleur" ? <Link to="/inventaires">État des lieux</Link> : <Link to="/etats-des-lieux-recus">États des lieux reçus</Link>}
          <Link to="/territoire">{user.organisationKind === "prefet" || user.organisationKind === "epci" ? "Vue du territoire" : "Mes couples bailleur × réservataire"}</Link>
          {user.organisationKind === "bailleur" ? <Link to="/decomptes">Événements (décompte)</Link> : null}
          <span>
            {user.name} — {user.organisationName} ({ORGANISATION_KIND_LABELS[user.organisationKind]})
          </span>
          <Form
            method="post"
            action="/logout"
            onSubmit={(event) => {
              // The next person on this browser must not find this user's local copies of conventions.
              event.preventDefault();
              const form = event.currentTarget;
              void forgetLocalCopies().finally(() => form.submit());
            }}
          >
            <button type="submit" className="button-link">
              Se déconnecter
            </button>
          </Form>
        </nav>
      ) : null}
    </header>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return (
    <>
      <Header />
      <main className="page" id="contenu" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

/**
 * Errors inside the layout (header and navigation stay): a French title and message, a way back; never a stack trace,
 * which the server keeps in its log (except for a 404, which is not a fault: app/entry.server.tsx).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let title = "Une erreur est survenue";
  let detail = "Conflux n'a pas pu afficher cette page. Réessayez dans un instant ; si le problème persiste, contactez l'équipe Conflux en indiquant l'heure de l'erreur.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    // A refusal from the message catalogue (it carries a stable code) is written for people: it is shown as is.
    const payload = error.data as { code?: string; message?: string } | string | undefined;
    const given = typeof payload === "object" && payload?.code && payload.message ? payload.message : null;
    if (error.status === 404) {
      title = "Page introuvable";
      detail = "Cette page n'existe pas, ou vous n'y avez pas accès. Vérifiez l'adresse, ou repartez de vos conventions.";
    } else if (error.status === 403) title = "Accès refusé";
    else if (error.status === 401) title = "Connexion requise";
    if (given) detail = given;
  }
  return (
    <>
      <Header />
      <main className="page" id="contenu" tabIndex={-1}>
        <section className="card error-page" aria-labelledby="erreur-titre">
          <p className="muted">Erreur {status}</p>
          <h1 id="erreur-titre">{title}</h1>
          <p>{detail}</p>
          <p>
            <Link to="/">Retour à mes conventions</Link>
          </p>
        </section>
      </main>
    </>
  );
}
