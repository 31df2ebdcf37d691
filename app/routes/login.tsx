import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getUser, useSecureCookies } from "~/lib/auth.server";
import { fieldErrors, LoginSchema, safeRedirect, type FieldErrors } from "~/lib/forms";
import { message } from "~/lib/messages";
import { createSession, sessionCookie } from "~/lib/session.server";
import { verifyLogin } from "~/models/user.server";

export const meta: MetaFunction = () => [{ title: "Connexion — Conflux" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context)) throw redirect("/");
  return null;
}

type ActionResult = { errors: FieldErrors; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LoginSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data<ActionResult>({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  if (context.loginThrottle.isBlocked(email))
    return data<ActionResult>({ errors: {}, formError: message("AUTH_THROTTLED").message }, { status: 429 });
  const user = await verifyLogin(context.db, email, password);
  if (!user) {
    context.loginThrottle.recordFailure(email);
    return data<ActionResult>({ errors: {}, formError: message("AUTH_INVALID_CREDENTIALS").message }, { status: 401 });
  }
  context.loginThrottle.reset(email);
  const token = await createSession(context.db, user.id);
  return redirect(safeRedirect(redirectTo), {
    status: 303,
    headers: { "Set-Cookie": sessionCookie(token, useSecureCookies(request, context)) },
  });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors = result?.errors ?? {};
  return (
    <section className="card narrow">
      <h1>Connexion</h1>
      <p className="muted">Conventions de réservation en flux : rédaction, négociation et signature en ligne.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label htmlFor="email">Adresse e-mail</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "email-error" : undefined}
        />
        {errors.email ? (
          <p id="email-error" className="field-error">
            {errors.email}
          </p>
        ) : null}
        <label htmlFor="password">Mot de passe</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : undefined}
        />
        {errors.password ? (
          <p id="password-error" className="field-error">
            {errors.password}
          </p>
        ) : null}
        {result?.formError ? (
          <p role="alert" className="form-error">
            {result.formError}
          </p>
        ) : null}
        <button type="submit" disabled={navigation.state === "submitting"}>
          Se connecter
        </button>
      </Form>
    </section>
  );
}
