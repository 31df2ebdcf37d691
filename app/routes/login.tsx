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
  const { loginThrottle, clientIp } = context;
  if (await loginThrottle.isBlocked(email, clientIp))
    return data<ActionResult>({ errors: {}, formError: message("AUTH_THROTTLED").message }, { status: 429 });
  const wait = await loginThrottle.delayMs(email);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const user = await verifyLogin(context.db, email, password);
  if (!user) {
    await loginThrottle.recordFailure(email, clientIp);
    return data<ActionResult>({ errors: {}, formError: message("AUTH_INVALID_CREDENTIALS").message }, { status: 401 });
  }
  await loginThrottle.reset(email, clientIp);
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
        <Field id="email" label="Adresse e-mail" type="email" autoComplete="username" error={errors.email} />
        <Field id="password" label="Mot de passe" type="password" autoComplete="current-password" error={errors.password} />
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

function Field(props: { id: string; label: string; type: string; autoComplete: string; error?: string }) {
  const { id, label, type, autoComplete, error } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        type={type}
        autoComplete={autoComplete}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
