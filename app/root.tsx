import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
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
import { getUser } from "./lib/auth.server";
import { ORGANISATION_KIND_LABELS } from "./lib/roles";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

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
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
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
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Une erreur est survenue";
  let detail = "Réessayez dans un instant. Si le problème persiste, contactez l'équipe Conflux.";
  if (isRouteErrorResponse(error)) {
    const payload = error.data as { message?: string } | string | undefined;
    detail = typeof payload === "string" ? payload : (payload?.message ?? detail);
    if (error.status === 404) title = "Page introuvable";
    else if (error.status === 403) title = "Accès refusé";
    else if (error.status === 401) title = "Connexion requise";
  }
  return (
    <main className="page">
      <h1>{title}</h1>
      <p role="alert">{detail}</p>
      <p>
        <Link to="/">Retour au tableau de bord</Link>
      </p>
    </main>
  );
}
